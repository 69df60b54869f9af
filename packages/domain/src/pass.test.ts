import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCron, cronOccurrences } from './cron'
import type { PassPlan, Subscription } from './pass'
import { subscriptionState } from './pass'
import { cancelAtPeriodEnd, createSubscription, pauseSubscription, resumeSubscription } from './pass-lifecycle'
import { duePeriods } from './pass-periods'
import { redeem, undoRedemption } from './pass-redeem'

const SH = 'Asia/Shanghai'
const D = 86_400_000
const H = 3_600_000
const local = (day: number, h = 0) => Date.UTC(2026, 10, day, h - 8) // Shanghai wall time in Nov 2026

const weeklyDrinks: PassPlan = {
  id: 'weekly',
  name: '周卡: 每周 5 杯',
  priceFen: 6900,
  schedule: { type: 'interval', every: 1, unit: 'week' },
  validityPeriods: 4,
  usesPerPeriod: 5,
  usesPerDay: 2,
  valueCapFen: 1800,
}
const washPass: PassPlan = {
  id: 'wash10',
  name: '10次洗车卡',
  priceFen: 29900,
  schedule: { type: 'interval', every: 1, unit: 'month' },
  validityPeriods: 12,
  totalUses: 10,
  valueCapFen: 3000,
  itemIds: ['wash', 'detail'],
}
const monthly: PassPlan = {
  id: 'monthly',
  name: '月卡: 每天一次',
  priceFen: 19900,
  schedule: { type: 'interval', every: 1, unit: 'month' },
  validityPeriods: 1,
  usesPerDay: 1,
}
const weekdayMorning: PassPlan = {
  id: 'morning',
  name: '工作日早餐茶',
  priceFen: 9900,
  schedule: { type: 'cron', expr: '0 8 * * 1-5' },
  validityPeriods: 10,
  usesPerPeriod: 1,
}

function make(plan: PassPlan, startAt: number): Subscription {
  const r = createSubscription({ id: 's1', plan, customerId: 'c1', storeId: 'st', startAt, timeZone: SH })
  if (!r.ok) throw new Error(r.error.code)
  return r.value
}
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code)
  return r.value
}

describe('passes and subscriptions', () => {
  it('[PAS-1] a pass is valid for its periods, then expired', () => {
    const s = make(weeklyDrinks, local(23, 10))
    expect(s.endAt).toBe(local(23) + 28 * D)
    expect(subscriptionState(s, local(23, 12))).toBe('active')
    expect(subscriptionState(s, s.endAt)).toBe('expired')
    const r = redeem(s, weeklyDrinks, { redemptionId: 'r', at: s.endAt + 1, itemId: 'x', priceFen: 100 }, SH)
    expect(r.ok || r.error.code).toBe('PASS_NOT_ACTIVE')
  })

  it('[PAS-2] pausing blocks use and extends validity by the paused time', () => {
    const s = make(weeklyDrinks, local(23, 10))
    const p = must(pauseSubscription(s, local(24)))
    expect(subscriptionState(p, local(30))).toBe('paused')
    const r = redeem(p, weeklyDrinks, { redemptionId: 'r', at: local(25, 9), itemId: 'x', priceFen: 100 }, SH)
    expect(r.ok || r.error.code).toBe('PASS_NOT_ACTIVE')
    const back = must(resumeSubscription(p, local(27)))
    expect(back.endAt).toBe(s.endAt + 3 * D)
    const again = resumeSubscription(back, local(28))
    expect(again.ok || again.error.code).toBe('PASS_INVALID_TRANSITION')
  })

  it('[PAS-3] cancel at period end keeps the current period and nothing after', () => {
    const s = make(weeklyDrinks, local(23, 10))
    const c = must(cancelAtPeriodEnd(s, weeklyDrinks, local(25), SH))
    expect(c.endAt).toBe(local(30))
    expect(subscriptionState(c, local(29))).toBe('cancelled_at_period_end')
    expect(subscriptionState(c, local(30))).toBe('expired')
    expect(must(duePeriods(c, weeklyDrinks, local(1), local(1) + 60 * D, SH)).map((p) => p.key)).toEqual(['2026-11-23'])
  })

  it('[PAS-4] caps per period, per day and in total; value cap with the excess paid; undo frees a use', () => {
    let s = make(weeklyDrinks, local(23, 10))
    const use = (id: string, at: number, priceFen = 1500) =>
      redeem(s, weeklyDrinks, { redemptionId: id, at, itemId: 'tea', priceFen }, SH)
    s = must(use('a', local(23, 11))).subscription
    s = must(use('b', local(23, 12))).subscription
    const third = use('c', local(23, 13))
    expect(third.ok || third.error.code).toBe('PASS_DAILY_CAP')
    s = must(use('c', local(24, 9))).subscription
    s = must(use('d', local(25, 9))).subscription
    const big = must(use('e', local(26, 9), 2200))
    expect([big.redemption.coveredFen, big.redemption.payFen]).toEqual([1800, 400])
    s = big.subscription
    expect(must(use('e', local(26, 9), 2200)).subscription).toBe(s)
    const sixth = use('f', local(27, 9))
    expect(sixth.ok || sixth.error.code).toBe('PASS_PERIOD_CAP')
    s = must(undoRedemption(s, 'd', local(27)))
    s = must(use('f', local(27, 9))).subscription
    expect(must(use('g', local(30, 9))).redemption.periodKey).toBe('2026-11-30')
    const unknown = undoRedemption(s, 'zz', 0)
    expect(unknown.ok || unknown.error.code).toBe('PASS_UNKNOWN_REDEMPTION')

    let w = make(washPass, local(1))
    for (let i = 0; i < 10; i++)
      w = must(
        redeem(w, washPass, { redemptionId: `w${i}`, at: local(2 + i, 10), itemId: 'wash', priceFen: 2500 }, SH),
      ).subscription
    const eleventh = redeem(w, washPass, { redemptionId: 'w10', at: local(20, 10), itemId: 'wash', priceFen: 2500 }, SH)
    expect(eleventh.ok || eleventh.error.code).toBe('PASS_NO_USES_LEFT')
    const notCovered = redeem(
      make(washPass, local(1)),
      washPass,
      { redemptionId: 'x', at: local(2), itemId: 'wax', priceFen: 1 },
      SH,
    )
    expect(notCovered.ok || notCovered.error.code).toBe('PASS_ITEM_NOT_COVERED')
    const m = make(monthly, local(5))
    const m1 = must(
      redeem(m, monthly, { redemptionId: 'm1', at: local(6, 9), itemId: 'wash', priceFen: 2500 }, SH),
    ).subscription
    const m2 = redeem(m1, monthly, { redemptionId: 'm2', at: local(6, 18), itemId: 'wash', priceFen: 2500 }, SH)
    expect(m2.ok || m2.error.code).toBe('PASS_DAILY_CAP')
  })

  it('[PAS-5] due periods are caught up exactly once, however the scheduler splits its runs', () => {
    const s = must(
      resumeSubscription(must(pauseSubscription(make(weekdayMorning, local(23, 6)), local(25, 12))), local(27, 12)),
    )
    const all = must(duePeriods(s, weekdayMorning, 0, local(30) + 60 * D, SH)).map((p) => p.key)
    expect(all.slice(0, 4)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-30'])
    // Ten periods of validity: the two skipped while paused come back at the end.
    expect(all).toHaveLength(10)
    expect(all.slice(-2)).toEqual(['2026-12-07', '2026-12-08'])
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 * 24 }), { maxLength: 6 }), (cuts) => {
        const points = [local(20), ...cuts.map((h) => local(20) + h * H).sort((a, b) => a - b), local(20) + 41 * D]
        const keys: string[] = []
        for (let i = 0; i + 1 < points.length; i++)
          keys.push(
            ...must(duePeriods(s, weekdayMorning, points[i] as number, points[i + 1] as number, SH)).map((p) => p.key),
          )
        expect(keys).toEqual(all)
      }),
      { numRuns: 30 },
    )
  })

  it('[PAS-6] cron: 5 fields, lists, ranges, steps, and either day field when both are set', () => {
    const spec = must(parseCron('*/30 8-9 * * 1,3'))
    const times = cronOccurrences(spec, local(23), local(24), SH)
    expect(times).toEqual([local(23, 8), local(23, 8) + 30 * 60_000, local(23, 9), local(23, 9) + 30 * 60_000])
    const either = must(parseCron('0 0 1 * 0'))
    expect(cronOccurrences(either, local(1), local(30), SH).length).toBe(1 + 4)
    expect(parseCron('61 * * * *').ok).toBe(false)
    expect(parseCron('* * *').ok).toBe(false)
  })
})
