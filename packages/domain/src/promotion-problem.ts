import type { Fen } from './money'
import { percentOf } from './money'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
import { promotionLevel } from './promotion'
import { inPromotionScope, isPromotionEligible } from './promotion-eligibility'
import { splitFen } from './split-fen'

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
  const sorted = [...lines].sort(byId)
  const n = sorted.length
  const unit = sorted.map((l) => l.unitPriceFen)
  const qty = sorted.map((l) => l.quantity)
  const sub = sorted.map((l) => l.unitPriceFen * l.quantity)
  const subtotal = sub.reduce((a, b) => a + b, 0)
  const eligible = promotions.filter((p) => isPromotionEligible(p, ctx)).sort(byId)
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
  const groupPromos: GroupPromo[] = []
  const unitPromos: UnitPromo[] = []
  const orderPromos: OrderPromo[] = []
  for (const p of eligible) {
    const scope: number[] = []
    for (let i = 0; i < n; i++) if (inPromotionScope(p, sorted[i] as PromotionLine)) scope.push(i)
    const rule = p.rule
    const group = groupOf(p)
    const limit = p.perOrderLimit ?? Number.POSITIVE_INFINITY
    switch (rule.kind) {
      case 'threshold': {
        const tiers = [...rule.tiers].sort((a, b) => b.minFen - a.minFen)
        const value = (base: Fen) => {
          for (const t of tiers) if (base >= t.minFen) return Math.min(t.offFen, base)
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
        const cap = new Array<number>(n).fill(0)
        const order = scope.filter((i) => (off[i] as number) > 0)
        order.sort((a, b) => (off[b] as number) - (off[a] as number) || a - b)
        let left = limit
        let standalone = 0
        for (const i of order) {
          if (left <= 0) break
          const k = Math.min(qty[i] as number, left)
          cap[i] = k
          left -= k
          standalone += k * (off[i] as number)
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
        const ordered = [...scope].sort((a, b) => (unit[b] as number) - (unit[a] as number) || a - b)
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
  unitPromos.sort((a, b) => b.standalone - a.standalone || byId(a.promotion, b.promotion))
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

/**
 * Claims units for the chosen group promotions in order: `avail` loses every unit of each complete group,
 * `disc` gains the discount per line. Returns the saving; `perLine` (optional) receives it per promotion.
 */
export function claimGroups(
  prob: PromotionProblem,
  chosen: readonly GroupPromo[],
  avail: number[],
  disc: number[],
  perLine?: number[][],
): Fen {
  let saving = 0
  for (let c = 0; c < chosen.length; c++) {
    const gp = chosen[c] as GroupPromo
    let units = 0
    for (const i of gp.lines) units += avail[i] as number
    const groups = Math.min(Math.floor(units / gp.size), gp.maxGroups)
    let toClaim = groups * gp.size
    let pos = 0
    for (const i of gp.lines) {
      if (toClaim === 0) break
      const take = Math.min(avail[i] as number, toClaim)
      for (let u = 0; u < take; u++, pos++) {
        if (pos % gp.size >= gp.size - gp.discounted) {
          const d = gp.offOf(prob.unit[i] as number)
          disc[i] = (disc[i] as number) + d
          saving += d
          if (perLine !== undefined) (perLine[c] as number[])[i] = ((perLine[c] as number[])[i] as number) + d
        }
      }
      avail[i] = (avail[i] as number) - take
      toClaim -= take
    }
  }
  return saving
}

/**
 * Per-unit promotions on the units left: each line's identical units take the biggest discounts first,
 * at most one discount per unit ([PRM-3]). `mask` selects unit promotions by index.
 */
export function unitDiscounts(
  prob: PromotionProblem,
  mask: readonly boolean[],
  avail: readonly number[],
  disc: number[],
  perLine?: number[][],
): Fen {
  let saving = 0
  for (let i = 0; i < disc.length; i++) {
    let left = avail[i] as number
    const list = prob.unitByLine[i] as readonly number[]
    for (let k = 0; k < list.length && left > 0; k++) {
      const t = list[k] as number
      if (!mask[t]) continue
      const up = prob.unitPromos[t] as UnitPromo
      const units = Math.min(up.cap[i] as number, left)
      if (units === 0) continue
      const d = units * (up.off[i] as number)
      disc[i] = (disc[i] as number) + d
      saving += d
      left -= units
      if (perLine !== undefined) (perLine[t] as number[])[i] = ((perLine[t] as number[])[i] as number) + d
    }
  }
  return saving
}

function unitPromosByLine(n: number, unitPromos: readonly UnitPromo[]): number[][] {
  const out: number[][] = Array.from({ length: n }, () => [])
  unitPromos.forEach((up, t) => {
    for (let i = 0; i < n; i++) if ((up.off[i] as number) > 0 && (up.cap[i] as number) > 0) out[i]?.push(t)
  })
  for (let i = 0; i < n; i++) {
    out[i]?.sort((a, b) => (unitPromos[b]?.off[i] as number) - (unitPromos[a]?.off[i] as number) || a - b)
  }
  return out
}

/**
 * Evaluates one combination exactly, with per-line allocation: group promotions, then per-unit ones, then
 * order-level ones on what is left, each capped at what remains on its lines and split by largest
 * remainder over them ([PRM-4], [PRM-6]).
 */
export function evaluateCombination(prob: PromotionProblem, ids: ReadonlySet<string>): Evaluation {
  const n = prob.lines.length
  const avail = [...prob.qty]
  const disc = new Array<number>(n).fill(0)
  const groups = prob.groupPromos.filter((g) => ids.has(g.promotion.id))
  const groupPer = groups.map(() => new Array<number>(n).fill(0))
  claimGroups(prob, groups, avail, disc, groupPer)
  const mask = prob.unitPromos.map((u) => ids.has(u.promotion.id))
  const unitPer = mask.map((m) => (m ? new Array<number>(n).fill(0) : []))
  unitDiscounts(prob, mask, avail, disc, unitPer)
  const effects: PromotionEffect[] = []
  const push = (promotion: Promotion, perLine: number[]) => {
    const savingFen = perLine.reduce((a, b) => a + b, 0)
    if (savingFen > 0) effects.push({ promotion, level: promotionLevel(promotion.rule.kind), perLine, savingFen })
  }
  groups.forEach((g, c) => {
    push(g.promotion, groupPer[c] as number[])
  })
  prob.unitPromos.forEach((u, t) => {
    if (mask[t]) push(u.promotion, unitPer[t] as number[])
  })
  const itemDiscount = [...disc]
  const remaining = prob.sub.map((s, i) => s - (disc[i] as number))
  for (const op of prob.orderPromos) {
    if (!ids.has(op.promotion.id)) continue
    let base = 0
    let room = 0
    for (const i of op.lines) {
      base += (prob.sub[i] as number) - (itemDiscount[i] as number)
      room += remaining[i] as number
    }
    const v = Math.min(op.value(base), room)
    const perLine = new Array<number>(n).fill(0)
    if (v > 0) {
      const shares = splitFen(
        v,
        op.lines.map((i) => remaining[i] as number),
      )
      op.lines.forEach((i, k) => {
        perLine[i] = shares[k] as number
        remaining[i] = (remaining[i] as number) - (shares[k] as number)
      })
    }
    push(op.promotion, perLine)
  }
  const savingFen = effects.reduce((a, e) => a + e.savingFen, 0)
  return { savingFen, effects, itemDiscount }
}
