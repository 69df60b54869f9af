import type { Fen } from './money'
import type { LineDiscount } from './order'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
import { type PromotionNudge, promotionNudge } from './promotion-nudge'
import { evaluateCombination } from './evaluate-combination'
import { type Evaluation, type PromotionProblem, preparePromotions } from './promotion-problem'
import { compareIds, searchStackable } from './promotion-search'
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
