import type { Fen } from './money'
import type { LineDiscount } from './order'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
import { type PromotionNudge, promotionNudge } from './promotion-nudge'
import { evaluateCombination } from './evaluate-combination'
import { claimGroups, unitDiscounts } from './item-discounts'
import {
  type Evaluation,
  type GroupPromo,
  type OrderPromo,
  type PromotionProblem,
  preparePromotions,
  type UnitPromo,
} from './promotion-problem'

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
  return e.effects.map((x) => x.promotion.id).sort()
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
  const gStand = G.map((g) => g.standalone)
  const uStandTotal = U.reduce((s, { u }) => s + u.standalone, 0)
  const orderMax = O.reduce((s, o) => s + o.value(fullBase(o)), 0)
  const used = new Int32Array(prob.groupCount)
  const mask: boolean[] = prob.unitPromos.map(() => false)
  const chosenGroups: GroupPromo[] = []
  const disc = new Array<number>(n).fill(0)
  const orderPick: OrderPromo[] = []
  let bestValue = -1
  let bestIds: string[] = []
  let bestCount = 0

  const free = (g: number) => g < 0 || used[g] === 0
  const take = (g: number, d: number) => {
    if (g >= 0) used[g] = (used[g] as number) + d
  }

  // Order-level choice given item discounts: every free ungrouped promotion, the best of each free group.
  const groupBestV = new Float64Array(prob.groupCount)
  const groupBestK = new Int32Array(prob.groupCount)
  const bestOrder = (): number => {
    orderPick.length = 0
    groupBestV.fill(0)
    let sum = 0
    for (let k = 0; k < O.length; k++) {
      const op = O[k] as OrderPromo
      if (!free(op.group)) continue
      let base = 0
      for (const i of op.lines) base += (prob.sub[i] as number) - (disc[i] as number)
      const v = op.value(base)
      if (v <= 0) continue
      if (op.group < 0) {
        orderPick.push(op)
        sum += v
      } else if (v > (groupBestV[op.group] as number)) {
        groupBestV[op.group] = v
        groupBestK[op.group] = k
      }
    }
    for (let g = 0; g < groupBestV.length; g++) {
      const v = groupBestV[g] as number
      if (v > 0) {
        orderPick.push(O[groupBestK[g] as number] as OrderPromo)
        sum += v
      }
    }
    return sum
  }

  const consider = (value: number) => {
    if (value < bestValue) return
    const ids: string[] = chosenGroups.map((g) => g.promotion.id)
    for (const { u, t } of U) if (mask[t]) ids.push(u.promotion.id)
    for (const op of orderPick) ids.push(op.promotion.id)
    ids.sort()
    if (value > bestValue || ids.length < bestCount || (ids.length === bestCount && compareIds(ids, bestIds) < 0)) {
      bestValue = value
      bestIds = ids
      bestCount = ids.length
    }
  }

  const phaseB = (avail: number[], groupDisc: number[], groupSaving: number) => {
    const marg = U.map(({ u }) => {
      let m = 0
      for (let i = 0; i < n; i++) m += Math.min(u.cap[i] as number, avail[i] as number) * (u.off[i] as number)
      return m
    })
    const node = (start: number) => {
      for (let i = 0; i < n; i++) disc[i] = groupDisc[i] as number
      const item = groupSaving + unitDiscounts(prob, mask, avail, disc)
      const orderSum = bestOrder()
      const value = item + Math.min(orderSum, prob.subtotal - item)
      consider(value)
      let ub = item + orderSum
      for (let k = start; k < U.length; k++) if (free((U[k] as { u: UnitPromo }).u.group)) ub += marg[k] as number
      if (Math.min(ub, prob.subtotal) < bestValue) return
      for (let k = start; k < U.length; k++) {
        const { u, t } = U[k] as { u: UnitPromo; t: number }
        if (!free(u.group) || (marg[k] as number) === 0) continue
        mask[t] = true
        take(u.group, 1)
        node(k + 1)
        take(u.group, -1)
        mask[t] = false
      }
    }
    node(0)
  }

  const phaseA = (k: number, chosenStand: number) => {
    let rest = 0
    for (let j = k; j < G.length; j++) rest += gStand[j] as number
    if (Math.min(chosenStand + rest + uStandTotal + orderMax, prob.subtotal) < bestValue) return
    if (k === G.length) {
      const avail = [...prob.qty]
      const groupDisc = new Array<number>(n).fill(0)
      const saving = claimGroups(prob, chosenGroups, avail, groupDisc)
      phaseB(avail, groupDisc, saving)
      return
    }
    const g = G[k] as GroupPromo
    if (free(g.group)) {
      chosenGroups.push(g)
      take(g.group, 1)
      phaseA(k + 1, chosenStand + (gStand[k] as number))
      take(g.group, -1)
      chosenGroups.pop()
    }
    phaseA(k + 1, chosenStand)
  }

  phaseA(0, 0)
  return new Set(bestIds)
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
