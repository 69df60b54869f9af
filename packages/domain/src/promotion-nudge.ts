import type { Fen } from './money'
import { formatYuan, percentOf } from './money'
import type { Evaluation, PromotionProblem } from './promotion-problem'

/** The cheapest next step that unlocks a bigger saving ("再买¥3.00 立减¥5"). */
export interface PromotionNudge {
  readonly promotionId: string
  /** How much more to spend (on the promotion's lines). */
  readonly needFen: Fen
  /** The saving that spend would unlock, on top of what this promotion gives now. */
  readonly extraSavingFen: Fen
  readonly message: string
}

/**
 * Among order-level promotions whose next threshold is not reached, the one needing the least extra spend;
 * ties go to the bigger extra saving, then the smaller id ([PRM-7]). The threshold base is the spend on the
 * promotion's lines after item-level discounts.
 */
export function promotionNudge(prob: PromotionProblem, evaluation: Evaluation): PromotionNudge | null {
  let best: PromotionNudge | null = null
  for (const op of prob.orderPromos) {
    let base = 0
    for (const i of op.lines) base += (prob.sub[i] as number) - (evaluation.itemDiscount[i] as number)
    const rule = op.promotion.rule
    let candidate: PromotionNudge | null = null
    if (rule.kind === 'threshold') {
      const next = [...rule.tiers].sort((a, b) => a.minFen - b.minFen).find((t) => t.minFen > base)
      if (next === undefined) continue
      const extra = next.offFen - op.value(base)
      if (extra <= 0) continue
      const needFen = next.minFen - base
      candidate = {
        promotionId: op.promotion.id,
        needFen,
        extraSavingFen: extra,
        message: `再买${formatYuan(needFen)} 立减${formatYuan(next.offFen, { trim: true })}`,
      }
    } else if (rule.kind === 'order_percent') {
      const min = rule.minFen ?? 0
      if (base >= min) continue
      const needFen = min - base
      const extra = Math.min(percentOf(min, rule.percentOff), rule.maxOffFen ?? Number.POSITIVE_INFINITY)
      const zhe = (100 - rule.percentOff) / 10
      candidate = {
        promotionId: op.promotion.id,
        needFen,
        extraSavingFen: extra,
        message: `再买${formatYuan(needFen)} 享${zhe}折`,
      }
    }
    if (candidate === null) continue
    if (
      best === null ||
      candidate.needFen < best.needFen ||
      (candidate.needFen === best.needFen &&
        (candidate.extraSavingFen > best.extraSavingFen ||
          (candidate.extraSavingFen === best.extraSavingFen && candidate.promotionId < best.promotionId)))
    ) {
      best = candidate
    }
  }
  return best
}
