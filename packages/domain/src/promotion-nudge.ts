import type { Fen } from './money'
import { formatYuan, percentOf } from './money'
import type { Evaluation, GroupPromo, PromotionProblem } from './promotion-problem'

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
 * The next step needing the least extra spend ([PRM-7]): an order-level promotion's next threshold (the
 * base is the spend on its lines after item-level discounts), or a 第N件 / 买X送Y one unit short of another
 * group (the need is the cheapest unit in scope). Ties go to the bigger extra saving, then the smaller id.
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
    if (candidate !== null && isBetter(candidate, best)) best = candidate
  }
  for (const gp of prob.groupPromos) {
    const candidate = groupNudge(prob, evaluation, gp)
    if (candidate !== null && isBetter(candidate, best)) best = candidate
  }
  return best
}

function isBetter(candidate: PromotionNudge, best: PromotionNudge | null): boolean {
  return (
    best === null ||
    candidate.needFen < best.needFen ||
    (candidate.needFen === best.needFen &&
      (candidate.extraSavingFen > best.extraSavingFen ||
        (candidate.extraSavingFen === best.extraSavingFen && candidate.promotionId < best.promotionId)))
  )
}

// 第N件 / 买X送Y one unit short of another group, and applied (or free to apply): one more of the cheapest
// unit in scope completes it.
function groupNudge(prob: PromotionProblem, evaluation: Evaluation, gp: GroupPromo): PromotionNudge | null {
  if (!evaluation.effects.some((e) => e.promotion === gp.promotion) && evaluation.effects.length > 0) return null
  let units = 0
  let cheapest = Number.POSITIVE_INFINITY
  for (const i of gp.lines) {
    units += prob.qty[i] as number
    cheapest = Math.min(cheapest, prob.unit[i] as number)
  }
  const groups = Math.floor(units / gp.size)
  if (units % gp.size !== gp.size - 1 || groups >= gp.maxGroups || !Number.isFinite(cheapest)) return null
  const extra = gp.offOf(cheapest)
  if (extra <= 0) return null
  return {
    promotionId: gp.promotion.id,
    needFen: cheapest,
    extraSavingFen: extra,
    message: `再买1件 享${gp.promotion.name}`,
  }
}
