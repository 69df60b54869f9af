import type { Fen } from './money'
import { percentOf } from './money'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
import { inPromotionScope, isPromotionEligible } from './promotion-eligibility'
import { claimGroups } from './item-discounts'
import { sortSmall } from './sort-small'

/** A per-unit item promotion, precomputed per line. */
export interface UnitPromo {
  readonly promotion: Promotion
  readonly group: number
  /** Fen off one unit of each line (0 outside scope). */
  readonly off: readonly number[]
  /** Units of each line this promotion may discount (the per-order limit spent on the biggest savings). */
  readonly cap: readonly number[]
  readonly standalone: Fen
}

/** A 第N件 / 买X送Y promotion: groups of units, most expensive first. */
export interface GroupPromo {
  readonly promotion: Promotion
  readonly group: number
  readonly size: number
  readonly discounted: number
  readonly maxGroups: number
  /** Lines in scope, by unit price descending then line order. */
  readonly lines: readonly number[]
  readonly offOf: (unitPrice: Fen) => Fen
  /** Its saving when applied alone. */
  standalone: Fen
}

/** An order-level promotion: a saving computed from its base. */
export interface OrderPromo {
  readonly promotion: Promotion
  readonly group: number
  readonly lines: readonly number[]
  readonly value: (base: Fen) => Fen
}

/** The promotion problem with lines in canonical order (sorted by id) and promotions classified. */
export interface PromotionProblem {
  readonly lines: readonly PromotionLine[]
  readonly unit: readonly Fen[]
  readonly qty: readonly number[]
  readonly sub: readonly Fen[]
  readonly subtotal: Fen
  readonly groupPromos: readonly GroupPromo[]
  readonly unitPromos: readonly UnitPromo[]
  readonly orderPromos: readonly OrderPromo[]
  /** Every eligible promotion, by id. */
  readonly eligible: readonly Promotion[]
  readonly groupCount: number
  /** For each line, the unit promotions that discount it, biggest per-unit saving first. */
  readonly unitByLine: readonly (readonly number[])[]
}

/** One promotion's effect in an evaluated combination: fen per canonical line. */
export interface PromotionEffect {
  readonly promotion: Promotion
  readonly level: 'item' | 'order'
  readonly perLine: readonly Fen[]
  readonly savingFen: Fen
}

/** An evaluated combination. */
export interface Evaluation {
  readonly savingFen: Fen
  readonly effects: readonly PromotionEffect[]
  /** Fen of item-level discount on each canonical line. */
  readonly itemDiscount: readonly Fen[]
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Classifies eligible promotions and precomputes per-line figures ([PRM-1], [PRM-9]). */
export function preparePromotions(
  lines: readonly PromotionLine[],
  promotions: readonly Promotion[],
  ctx: PromotionContext,
): PromotionProblem {
  const sorted = sortSmall([...lines], byId)
  const n = sorted.length
  const unit = sorted.map((l) => l.unitPriceFen)
  const qty = sorted.map((l) => l.quantity)
  const sub = sorted.map((l) => l.unitPriceFen * l.quantity)
  const subtotal = sub.reduce((a, b) => a + b, 0)
  const eligible = sortSmall(
    promotions.filter((p) => isPromotionEligible(p, ctx)),
    byId,
  )
  const groupIds = new Map<string, number>()
  const groupOf = (p: Promotion) => {
    if (p.exclusivityGroup === undefined) return -1
    let g = groupIds.get(p.exclusivityGroup)
    if (g === undefined) {
      g = groupIds.size
      groupIds.set(p.exclusivityGroup, g)
    }
    return g
  }
  const allLines = Array.from({ length: n }, (_, i) => i)
  const groupPromos: GroupPromo[] = []
  const unitPromos: UnitPromo[] = []
  const orderPromos: OrderPromo[] = []
  for (const p of eligible) {
    // Most promotions cover every line; they share one index list instead of building their own.
    let scope = allLines
    if (!coversAll(p)) {
      scope = []
      for (let i = 0; i < n; i++) if (inPromotionScope(p, sorted[i] as PromotionLine)) scope.push(i)
    }
    const rule = p.rule
    const group = groupOf(p)
    const limit = p.perOrderLimit ?? Number.POSITIVE_INFINITY
    switch (rule.kind) {
      case 'threshold': {
        const tiers = sortSmall([...rule.tiers], (a, b) => b.minFen - a.minFen)
        const cap = rule.maxOffFen ?? Number.POSITIVE_INFINITY
        const value =
          rule.repeat === true
            ? (base: Fen) => {
                let best = 0
                for (const t of tiers) if (t.minFen > 0) best = Math.max(best, Math.floor(base / t.minFen) * t.offFen)
                return Math.min(best, cap, base)
              }
            : (base: Fen) => {
                for (const t of tiers) if (base >= t.minFen) return Math.min(t.offFen, cap, base)
                return 0
              }
        orderPromos.push({ promotion: p, group, lines: scope, value })
        break
      }
      case 'order_percent': {
        const min = rule.minFen ?? 0
        const max = rule.maxOffFen ?? Number.POSITIVE_INFINITY
        const value = (base: Fen) =>
          base >= min && base > 0 ? Math.min(percentOf(base, rule.percentOff), max, base) : 0
        orderPromos.push({ promotion: p, group, lines: scope, value })
        break
      }
      case 'item_percent':
      case 'item_amount':
      case 'item_price': {
        const off = new Array<number>(n).fill(0)
        for (const i of scope) {
          const price = unit[i] as number
          const d =
            rule.kind === 'item_percent'
              ? percentOf(price, rule.percentOff)
              : rule.kind === 'item_amount'
                ? rule.offFen
                : price - rule.priceFen
          off[i] = Math.max(0, Math.min(price, d))
        }
        // Without a per-order limit every unit may be discounted: the cap is the quantity (0-off lines never count).
        let cap: readonly number[] = qty
        let standalone = 0
        if (limit === Number.POSITIVE_INFINITY) {
          for (const i of scope) standalone += (qty[i] as number) * (off[i] as number)
        } else {
          const limited = new Array<number>(n).fill(0)
          cap = limited
          // The per-order limit is spent on the units it saves most on.
          const order = scope.filter((i) => (off[i] as number) > 0)
          sortSmall(order, (a, b) => (off[b] as number) - (off[a] as number) || a - b)
          let left = limit
          for (const i of order) {
            if (left <= 0) break
            const k = Math.min(qty[i] as number, left)
            limited[i] = k
            left -= k
            standalone += k * (off[i] as number)
          }
        }
        unitPromos.push({ promotion: p, group, off, cap, standalone })
        break
      }
      case 'nth_item':
      case 'buy_x_get_y': {
        const size = rule.kind === 'nth_item' ? rule.n : rule.buy + rule.get
        const discounted = rule.kind === 'nth_item' ? 1 : rule.get
        const offOf =
          rule.kind === 'buy_x_get_y'
            ? (price: Fen) => price
            : rule.priceFen !== undefined
              ? (price: Fen) => Math.max(0, price - (rule.priceFen as number))
              : (price: Fen) => Math.min(price, percentOf(price, rule.percentOff ?? 100))
        const ordered = sortSmall([...scope], (a, b) => (unit[b] as number) - (unit[a] as number) || a - b)
        if (size >= 1 && discounted >= 1 && discounted <= size) {
          groupPromos.push({
            promotion: p,
            group,
            size,
            discounted,
            maxGroups: limit,
            lines: ordered,
            offOf,
            standalone: 0,
          })
        }
        break
      }
      default: {
        const never: never = rule
        return never
      }
    }
  }
  sortSmall(unitPromos, (a, b) => b.standalone - a.standalone || byId(a.promotion, b.promotion))
  const unitByLine = unitPromosByLine(sorted.length, unitPromos)
  const prob: PromotionProblem = {
    unitByLine,
    lines: sorted,
    unit,
    qty,
    sub,
    subtotal,
    groupPromos,
    unitPromos,
    orderPromos,
    eligible,
    groupCount: groupIds.size,
  }
  const avail: number[] = new Array<number>(n)
  const scratch: number[] = new Array<number>(n)
  for (const g of groupPromos) {
    for (let i = 0; i < n; i++) {
      avail[i] = qty[i] as number
      scratch[i] = 0
    }
    g.standalone = claimGroups(prob, [g], avail, scratch)
  }
  return prob
}

function coversAll(p: Promotion): boolean {
  const s = p.scope
  return s === undefined || (s.categoryIds === undefined && s.itemIds === undefined && s.skuIds === undefined)
}

function unitPromosByLine(n: number, unitPromos: readonly UnitPromo[]): number[][] {
  // Sized exactly up front: growing thirty small arrays by push was a visible share of the garbage.
  const counts = new Array<number>(n).fill(0)
  for (const up of unitPromos) {
    for (let i = 0; i < n; i++)
      if ((up.off[i] as number) > 0 && (up.cap[i] as number) > 0) counts[i] = (counts[i] as number) + 1
  }
  const out = counts.map((c) => new Array<number>(c))
  const filled = new Array<number>(n).fill(0)
  unitPromos.forEach((up, t) => {
    for (let i = 0; i < n; i++) {
      if ((up.off[i] as number) > 0 && (up.cap[i] as number) > 0) {
        ;(out[i] as number[])[filled[i] as number] = t
        filled[i] = (filled[i] as number) + 1
      }
    }
  })
  for (let i = 0; i < n; i++) {
    sortSmall(
      out[i] as number[],
      (a, b) => (unitPromos[b]?.off[i] as number) - (unitPromos[a]?.off[i] as number) || a - b,
    )
  }
  return out
}
