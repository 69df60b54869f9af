import type { Promotion } from './promotion'
import { promotionLevel } from './promotion'
import { claimGroups, unitDiscounts } from './item-discounts'
import type { Fen } from './money'
import type { Evaluation, OrderPromo, PromotionEffect, PromotionProblem } from './promotion-problem'
import { splitFen } from './split-fen'

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
  const chosen = prob.orderPromos.filter((op) => ids.has(op.promotion.id))
  const orderPer = chosen.map(() => new Array<number>(n).fill(0))
  applyOrderPromos(prob, chosen, itemDiscount, orderPer)
  chosen.forEach((op, k) => {
    push(op.promotion, orderPer[k] as number[])
  })
  const savingFen = effects.reduce((a, e) => a + e.savingFen, 0)
  return { savingFen, effects, itemDiscount }
}

/**
 * Applies order-level promotions (in canonical order) after item-level discounts: each computes its saving
 * on the item-discounted amount of its lines, is capped at what is still left to pay on them, and is split
 * over them by largest remainder weighted by what is left ([PRM-4], [PRM-6]). Returns the total; `perLine`
 * (optional, one array per promotion) receives the allocation.
 */
export function applyOrderPromos(
  prob: PromotionProblem,
  chosen: readonly OrderPromo[],
  itemDiscount: readonly number[],
  perLine?: number[][],
): Fen {
  const remaining = prob.sub.map((s, i) => s - (itemDiscount[i] as number))
  let total = 0
  chosen.forEach((op, k) => {
    let base = 0
    for (const i of op.lines) base += (prob.sub[i] as number) - (itemDiscount[i] as number)
    let room = 0
    for (const i of op.lines) room += remaining[i] as number
    const v = Math.min(op.value(base), room)
    if (v <= 0) return
    const shares = splitFen(
      v,
      op.lines.map((i) => remaining[i] as number),
    )
    op.lines.forEach((i, j) => {
      remaining[i] = (remaining[i] as number) - (shares[j] as number)
      if (perLine !== undefined) (perLine[k] as number[])[i] = shares[j] as number
    })
    total += v
  })
  return total
}
