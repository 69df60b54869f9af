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
      const now = op.value(base)
      // The smallest spend that raises the saving: the next tier, or the next multiple when it repeats.
      const targets =
        rule.repeat === true
          ? rule.tiers.filter((t) => t.minFen > 0).map((t) => (Math.floor(base / t.minFen) + 1) * t.minFen)
          : rule.tiers.map((t) => t.minFen)
      let needFen = Number.POSITIVE_INFINITY
      let extra = 0
      for (const target of targets) {
        if (target <= base) continue
        const gain = op.value(target) - now
        if (gain <= 0) continue
        const need = target - base
        if (need < needFen || (need === needFen && gain > extra)) {
          needFen = need
          extra = gain
        }
      }
      if (extra <= 0) continue
      candidate = {
        promotionId: op.promotion.id,
        needFen,
        extraSavingFen: extra,
        message: `再买${formatYuan(needFen)} 立减${formatYuan(now + extra, { trim: true })}`,
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
