import type { Fen } from './money'
import type { LineDiscount } from './order'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
import { type PromotionNudge, promotionNudge } from './promotion-nudge'
import { applyOrderPromos, evaluateCombination } from './evaluate-combination'
import { claimGroup, unitDiscounts } from './item-discounts'
import {
  type Evaluation,
  type GroupPromo,
  type OrderPromo,
  type PromotionProblem,
  preparePromotions,
  type UnitPromo,
} from './promotion-problem'
import { compareText, sortSmall } from './sort-small'

/** A promotion that was applied, with what it saved the customer (the explanation, [PRM-7]). */
export interface AppliedPromotion {
  readonly promotionId: string
  readonly name: string
  readonly level: 'item' | 'order'
  readonly savingFen: Fen
}

/** How the discounts landed on one line; `discounts` sum exactly to `subtotalFen − totalFen`. */
export interface LineAllocation {
  readonly lineId: string
  readonly subtotalFen: Fen
  readonly discounts: readonly LineDiscount[]
  readonly totalFen: Fen
}

/** The best combination for a cart, explained and allocated. */
export interface PromotionResult {
  readonly subtotalFen: Fen
  readonly discountFen: Fen
  readonly totalFen: Fen
  /** Applied promotions, biggest saving first (ties by id). */
  readonly applied: readonly AppliedPromotion[]
  /** One allocation per input line, in input order. */
  readonly lines: readonly LineAllocation[]
  /** The cheapest next step that unlocks more, or null. */
  readonly nudge: PromotionNudge | null
}

/**
 * Finds the combination of eligible promotions that saves the customer the most ([PRM-5]) and allocates
 * every discount to the lines it touches ([PRM-6]). Exact by branch-and-bound over item-level promotions
 * (group kinds first, then per-unit kinds), with order-level promotions chosen optimally at each node.
 * Ties: fewer promotions, then the lexicographically smallest sorted list of ids ([PRM-8]). The result does
 * not depend on line or promotion order ([PRM-9]).
 */
export function bestPromotions(
  lines: readonly PromotionLine[],
  promotions: readonly Promotion[],
  ctx: PromotionContext,
): PromotionResult {
  const prob = preparePromotions(lines, promotions, ctx)
  let best: Evaluation = evaluateCombination(prob, searchStackable(prob))
  // A promotion alone can only win if its standalone saving reaches the best; the rest need no evaluation.
  for (const p of prob.eligible) {
    if (standaloneUpperBound(prob, p) < best.savingFen) continue
    const single = evaluateCombination(prob, new Set([p.id]))
    if (better(single, best)) best = single
  }
  return toResult(lines, prob, best)
}

function idsOf(e: Evaluation): string[] {
  return sortSmall(
    e.effects.map((x) => x.promotion.id),
    compareText,
  )
}

function better(a: Evaluation, b: Evaluation): boolean {
  if (a.savingFen !== b.savingFen) return a.savingFen > b.savingFen
  if (a.effects.length !== b.effects.length) return a.effects.length < b.effects.length
  return compareIds(idsOf(a), idsOf(b)) < 0
}

function compareIds(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string
    const y = b[i] as string
    if (x !== y) return x < y ? -1 : 1
  }
  return a.length - b.length
}

function searchStackable(prob: PromotionProblem): Set<string> {
  const n = prob.lines.length
  const fullBase = (op: OrderPromo) => op.lines.reduce((s, i) => s + (prob.sub[i] as number), 0)
  const G = prob.groupPromos.filter((g) => g.promotion.stackable && g.standalone > 0)
  const U = prob.unitPromos.map((u, t) => ({ u, t })).filter(({ u }) => u.promotion.stackable && u.standalone > 0)
  const O = prob.orderPromos.filter((o) => o.promotion.stackable && o.value(fullBase(o)) > 0)
  const orderMax = O.reduce((s, o) => s + o.value(fullBase(o)), 0)
  const used = new Int32Array(prob.groupCount)
  const mask: boolean[] = prob.unitPromos.map(() => false)
  const chosenGroups: GroupPromo[] = []
  const disc = new Array<number>(n).fill(0)
  let bestValue = -1
  let bestIds: string[] = []
  let bestCount = 0

  const free = (g: number) => g < 0 || used[g] === 0
  const take = (g: number, d: number) => {
    if (g >= 0) used[g] = (used[g] as number) + d
  }

  const groupBestV = new Float64Array(prob.groupCount)
  const groupBestK = new Int32Array(prob.groupCount)
  const vals = new Float64Array(O.length)
  const bases = new Float64Array(O.length)
  const picked = new Uint8Array(O.length)
  // Promotions over the same lines share one base; a base over every line is subtotal − item savings.
  const scopes: (readonly number[])[] = []
  const scopeOf = O.map((op) => {
    const at = scopes.findIndex((sc) => sc.length === op.lines.length && sc.every((i, j) => op.lines[j] === i))
    if (at >= 0) return at
    scopes.push(op.lines)
    return scopes.length - 1
  })
  const scopeBase = new Float64Array(scopes.length)
  // Order-level choice given item discounts: every free ungrouped promotion and the best of each free
  // group. Returns the exact value and leaves the uncapped sum (an upper bound) in `orderSum`;
  // `picked` flags the choice.
  let orderSum = 0
  const bestOrder = (item: number): number => {
    groupBestV.fill(0)
    picked.fill(0)
    for (let s = 0; s < scopes.length; s++) {
      const lines = scopes[s] as readonly number[]
      if (lines.length === n) {
        scopeBase[s] = prob.subtotal - item
        continue
      }
      let base = 0
      for (const i of lines) base += (prob.sub[i] as number) - (disc[i] as number)
      scopeBase[s] = base
    }
    let sum = 0
    for (let k = 0; k < O.length; k++) {
      const op = O[k] as OrderPromo
      vals[k] = 0
      if (!free(op.group)) continue
      const base = scopeBase[scopeOf[k] as number] as number
      bases[k] = base
      const v = op.value(base)
      vals[k] = v
      if (v <= 0) continue
      if (op.group < 0) picked[k] = 1
      else if (v > (groupBestV[op.group] as number)) {
        groupBestV[op.group] = v
        groupBestK[op.group] = k
      }
    }
    for (let g = 0; g < groupBestV.length; g++) if ((groupBestV[g] as number) > 0) picked[groupBestK[g] as number] = 1
    // No cap can bind when each promotion fits its base even if every earlier one landed on its lines.
    let capped = false
    for (let k = 0; k < O.length; k++) {
      if (picked[k] === 0) continue
      sum += vals[k] as number
      if (sum > (bases[k] as number)) capped = true
    }
    orderSum = sum
    return capped ? exactOrderChoice(prob, O, vals, picked, disc) : sum
  }

  const consider = (value: number) => {
    if (value < bestValue) return
    const ids: string[] = chosenGroups.map((g) => g.promotion.id)
    for (const { u, t } of U) if (mask[t]) ids.push(u.promotion.id)
    for (let k = 0; k < O.length; k++) if (picked[k] === 1) ids.push((O[k] as OrderPromo).promotion.id)
    sortSmall(ids, compareText)
    if (value > bestValue || ids.length < bestCount || (ids.length === bestCount && compareIds(ids, bestIds) < 0)) {
      bestValue = value
      bestIds = ids
      bestCount = ids.length
    }
  }

  const maskMax: boolean[] = prob.unitPromos.map(() => false)
  const discMax = new Array<number>(n).fill(0)
  let masked = 0
  const phaseB = (avail: number[], groupDisc: number[], groupSaving: number) => {
    const node = (start: number, parentItem: number) => {
      for (let i = 0; i < n; i++) disc[i] = groupDisc[i] as number
      const item = groupSaving + unitDiscounts(prob, mask, avail, disc)
      // The promotion just added saves nothing on top of the others (and, the item saving being a
      // submodular assignment value, never will in any superset): every set holding it is matched by the
      // same set without it, which has fewer promotions. Dominated, so skip the whole subtree.
      if (masked > 0 && item === parentItem) return
      consider(item + bestOrder(item))
      // Bound: the item saving if every promotion still addable were added (more per-unit promotions never
      // lower it), plus the order-level sum at today's base (more item discounts only lower the base).
      let addable = 0
      for (let k = 0; k < U.length; k++) {
        const { u, t } = U[k] as { u: UnitPromo; t: number }
        const open = k >= start && free(u.group)
        maskMax[t] = (mask[t] as boolean) || open
        if (open) addable++
      }
      if (addable === 0) return
      for (let i = 0; i < n; i++) discMax[i] = groupDisc[i] as number
      const ub = Math.min(groupSaving + unitDiscounts(prob, maskMax, avail, discMax) + orderSum, prob.subtotal)
      // Supersets carry at least one more promotion, so at an equal saving they only win on fewer ids.
      if (ub < bestValue || (ub === bestValue && chosenGroups.length + masked + 1 > bestCount)) return
      for (let k = start; k < U.length; k++) {
        const { u, t } = U[k] as { u: UnitPromo; t: number }
        if (!free(u.group)) continue
        mask[t] = true
        masked++
        take(u.group, 1)
        node(k + 1, item)
        take(u.group, -1)
        masked--
        mask[t] = false
      }
    }
    node(0, -1)
  }

  // Group promotions are decided in claim order, carrying the units still free. Bound: the savings so far,
  // plus each remaining group promotion alone on the free units, plus every per-unit promotion on them,
  // plus the most the order-level ones could give.
  const allUnits = prob.unitPromos.map((u) => u.promotion.stackable && u.standalone > 0)
  const scratchAvail = new Array<number>(n).fill(0)
  const scratchDisc = new Array<number>(n).fill(0)
  const phaseA = (k: number, avail: number[], groupDisc: number[], saving: number) => {
    let ub = saving + orderMax
    for (let j = k; j < G.length; j++) {
      const g = G[j] as GroupPromo
      if (!free(g.group)) continue
      for (let i = 0; i < n; i++) {
        scratchAvail[i] = avail[i] as number
        scratchDisc[i] = 0
      }
      ub += claimGroup(prob, g, scratchAvail, scratchDisc)
    }
    scratchDisc.fill(0)
    ub += unitDiscounts(prob, allUnits, avail, scratchDisc)
    if (Math.min(ub, prob.subtotal) < bestValue) return
    if (k === G.length) {
      phaseB(avail, groupDisc, saving)
      return
    }
    const g = G[k] as GroupPromo
    if (free(g.group)) {
      const nextAvail = [...avail]
      const nextDisc = [...groupDisc]
      const gained = claimGroup(prob, g, nextAvail, nextDisc)
      // A group promotion that completes no group changes nothing: the set without it dominates.
      if (gained > 0) {
        chosenGroups.push(g)
        take(g.group, 1)
        phaseA(k + 1, nextAvail, nextDisc, saving + gained)
        take(g.group, -1)
        chosenGroups.pop()
      }
    }
    phaseA(k + 1, avail, groupDisc, saving)
  }

  phaseA(0, [...prob.qty], new Array<number>(n).fill(0), 0)
  return new Set(bestIds)
}

/**
 * The rare case where order-level caps bind: try every choice per exclusivity group (ungrouped ones always
 * apply; adding one never lowers the capped total) with the exact capped allocation, best value first, then
 * fewer promotions, then smaller ids. Flags the choice in `picked` and returns its value.
 */
function exactOrderChoice(
  prob: PromotionProblem,
  O: readonly OrderPromo[],
  vals: Float64Array,
  picked: Uint8Array,
  disc: readonly number[],
): number {
  const groups = new Map<number, number[]>()
  const base: number[] = []
  O.forEach((op, k) => {
    if ((vals[k] as number) <= 0) return
    if (op.group < 0) base.push(k)
    else groups.set(op.group, [...(groups.get(op.group) ?? []), k])
  })
  const options = [...groups.values()].map((ks) => [-1, ...ks])
  let best: { value: number; ids: string[]; ks: number[] } | null = null
  const choice: number[] = []
  const walk = (g: number) => {
    if (g === options.length) {
      const ks = [...base, ...choice.filter((k) => k >= 0)].sort((a, b) => a - b)
      const pick = ks.map((k) => O[k] as OrderPromo)
      const value = applyOrderPromos(prob, pick, disc)
      const ids = sortSmall(
        pick.map((p) => p.promotion.id),
        compareText,
      )
      if (
        best === null ||
        value > best.value ||
        (value === best.value &&
          (ids.length < best.ids.length || (ids.length === best.ids.length && compareIds(ids, best.ids) < 0)))
      ) {
        best = { value, ids, ks }
      }
      return
    }
    for (const k of options[g] as number[]) {
      choice.push(k)
      walk(g + 1)
      choice.pop()
    }
  }
  walk(0)
  picked.fill(0)
  const chosen = best as { value: number; ks: number[] } | null
  if (chosen === null) return 0
  for (const k of chosen.ks) picked[k] = 1
  return chosen.value
}

function standaloneUpperBound(prob: PromotionProblem, p: Promotion): Fen {
  const u = prob.unitPromos.find((x) => x.promotion === p)
  if (u !== undefined) return u.standalone
  const g = prob.groupPromos.find((x) => x.promotion === p)
  if (g !== undefined) return g.standalone
  const o = prob.orderPromos.find((x) => x.promotion === p)
  if (o !== undefined) return o.value(o.lines.reduce((s, i) => s + (prob.sub[i] as number), 0))
  return 0
}

function toResult(input: readonly PromotionLine[], prob: PromotionProblem, best: Evaluation): PromotionResult {
  const index = new Map<string, number>()
  prob.lines.forEach((l, i) => {
    index.set(l.id, i)
  })
  const lines: LineAllocation[] = input.map((l) => {
    const i = index.get(l.id) as number
    const discounts: LineDiscount[] = []
    let total = prob.sub[i] as number
    for (const e of best.effects) {
      const amount = e.perLine[i] as number
      if (amount > 0) {
        discounts.push({ promotionId: e.promotion.id, amountFen: amount })
        total -= amount
      }
    }
    return { lineId: l.id, subtotalFen: prob.sub[i] as number, discounts, totalFen: total }
  })
  const applied: AppliedPromotion[] = best.effects
    .map((e) => ({ promotionId: e.promotion.id, name: e.promotion.name, level: e.level, savingFen: e.savingFen }))
    .sort((a, b) => b.savingFen - a.savingFen || (a.promotionId < b.promotionId ? -1 : 1))
  return {
    subtotalFen: prob.subtotal,
    discountFen: best.savingFen,
    totalFen: prob.subtotal - best.savingFen,
    applied,
    lines,
    nudge: promotionNudge(prob, best),
  }
}
