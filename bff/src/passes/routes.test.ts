import { PassPlansResponse, PurchasePassResponse, RedeemPassResponse, SubscriptionView } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { at, flowApp } from '../booking/test-flows'

const WEEK = 7 * 86_400_000
let t: Awaited<ReturnType<typeof flowApp>>
beforeAll(async () => {
  t = await flowApp()
})
afterAll(() => t.close())

async function buy(storeId: string, code: string, planId: string) {
  const r = await t.json('POST', `/api/stores/${storeId}/passes`, { planId }, await t.consumer(code))
  expect(r.status).toBe(201)
  const p = PurchasePassResponse.parse(r.body)
  await t.pay(storeId, p.payment.outTradeNo, p.payment.amountFen)
  return p.subscription.id
}

async function pass(storeId: string, code: string, id: string): Promise<SubscriptionView> {
  const r = await t.json('GET', `/api/stores/${storeId}/passes/${id}`, undefined, await t.consumer(code))
  return SubscriptionView.parse(r.body.subscription)
}

async function redeem(storeId: string, code: string, id: string, itemId: string, redemptionId: string) {
  const qr = await t.json('GET', `/api/stores/${storeId}/passes/${id}/code`, undefined, await t.consumer(code))
  const staff = storeId === 'wash-01' ? await t.staffToken('wash-01', '2222') : await t.staffToken()
  return t.json('POST', `/api/stores/${storeId}/passes/redeem`, { code: qr.body.code, itemId, redemptionId }, staff)
}

async function generated(id: string) {
  const rows = await t.db.query<{ period_key: string; order_id: string }>(
    'select period_key, order_id from subscription_periods where subscription_id = $1 order by period_key',
    [id],
  )
  return rows.map((r) => r.period_key)
}

describe('passes API', () => {
  it('lists the plans of a store', async () => {
    const r = PassPlansResponse.parse((await t.json('GET', '/api/stores/wash-01/passes/plans')).body)
    expect(r.plans.map((p) => p.id)).toEqual(['wash-10', 'wash-month'])
    expect((await t.json('GET', '/api/stores/nope/passes/plans')).status).toBe(404)
  })

  it('[PAS-1] a pass is bought with a normal payment and starts when the payment is notified', async () => {
    const r = await t.json('POST', '/api/stores/wash-01/passes', { planId: 'wash-10' }, await t.consumer('p-amy'))
    const p = PurchasePassResponse.parse(r.body)
    expect(p.subscription).toMatchObject({ status: 'pending_payment', usesLeft: 10, startAt: null })
    expect(p.payment.amountFen).toBe(29_900)
    expect((await t.order('wash-01', p.payment.outTradeNo))?.amounts.totalFen).toBe(29_900)
    const noCode = await t.json(
      'GET',
      `/api/stores/wash-01/passes/${p.subscription.id}/code`,
      undefined,
      await t.consumer('p-amy'),
    )
    expect(noCode.status).toBe(409)
    await t.pay('wash-01', p.payment.outTradeNo, 29_900)
    expect(await pass('wash-01', 'p-amy', p.subscription.id)).toMatchObject({ status: 'active', startAt: t.now() })
  })

  it('[PAS-4] redeems by the scanned code, once per redemption id, with 精洗补差价 and undo', async () => {
    const id = await buy('wash-01', 'p-ben', 'wash-10')
    const first = await redeem('wash-01', 'p-ben', id, 'basic-wash', 'redeem-ben-0001')
    expect(first.status).toBe(200)
    const r = RedeemPassResponse.parse(first.body)
    expect(r.redemption).toMatchObject({ priceFen: 3500, coveredFen: 3500, payFen: 0 })
    expect(r.subscription.usesLeft).toBe(9)
    const again = await redeem('wash-01', 'p-ben', id, 'basic-wash', 'redeem-ben-0001')
    expect(again.body.subscription.usesLeft).toBe(9)
    const fine = await redeem('wash-01', 'p-ben', id, 'fine-wash', 'redeem-ben-0002')
    expect(fine.body.redemption).toMatchObject({ priceFen: 6800, coveredFen: 3500, payFen: 3300 })
    const staff = await t.staffToken('wash-01', '2222')
    const undo = await t.json('POST', `/api/stores/wash-01/passes/${id}/redemptions/redeem-ben-0002/undo`, {}, staff)
    expect(undo.body.subscription.usesLeft).toBe(9)
    const interior = await redeem('wash-01', 'p-ben', id, 'interior', 'redeem-ben-0003')
    expect([interior.status, interior.body.error.code]).toEqual([409, 'PASS_ITEM_NOT_COVERED'])
  })

  it('refuses forged, expired and other stores’ codes', async () => {
    const id = await buy('wash-01', 'p-cat', 'wash-10')
    const staff = await t.staffToken('wash-01', '2222')
    const qr = await t.json('GET', `/api/stores/wash-01/passes/${id}/code`, undefined, await t.consumer('p-cat'))
    const body = (code: string) => ({ code, itemId: 'basic-wash', redemptionId: 'redeem-cat-0001' })
    const forged = `${qr.body.code.slice(0, -3)}AAA`
    expect((await t.json('POST', '/api/stores/wash-01/passes/redeem', body(forged), staff)).status).toBe(422)
    const tea = await t.staffToken()
    expect((await t.json('POST', '/api/stores/tea-01/passes/redeem', body(qr.body.code), tea)).status).toBe(422)
    expect((await t.json('POST', '/api/stores/wash-01/passes/redeem', body(qr.body.code))).status).toBe(401)
    t.advance(6 * 60_000)
    expect((await t.json('POST', '/api/stores/wash-01/passes/redeem', body(qr.body.code), staff)).status).toBe(422)
    expect((await t.json('POST', '/api/stores/wash-01/passes/redeem', { code: 1 }, staff)).status).toBe(400)
  })

  it('[PAS-4] keeps the monthly pass to one wash a day', async () => {
    const id = await buy('wash-01', 'p-dan', 'wash-month')
    expect((await redeem('wash-01', 'p-dan', id, 'basic-wash', 'redeem-dan-0001')).status).toBe(200)
    const second = await redeem('wash-01', 'p-dan', id, 'basic-wash', 'redeem-dan-0002')
    expect([second.status, second.body.error.code]).toEqual([409, 'PASS_DAILY_CAP'])
    t.advance(86_400_000)
    expect((await redeem('wash-01', 'p-dan', id, 'basic-wash', 'redeem-dan-0003')).status).toBe(200)
  })

  it('[PAS-2][PAS-5] a drink plan orders each Monday once, skips, pauses and catches up after downtime', async () => {
    t.setNow(at(9))
    const id = await buy('tea-01', 'p-eve', 'tea-weekly')
    let view = await pass('tea-01', 'p-eve', id)
    expect(view).toMatchObject({ status: 'active', periodsLeft: 4, nextPeriod: { key: '2026-11-23', start: at(10) } })
    await t.tick()
    expect(await generated(id)).toEqual([])

    t.setNow(at(10, 0, 0) + 5_000)
    await t.tick()
    await t.tick()
    const first = await t.db.query<{ order_id: string }>(
      'select order_id from subscription_periods where subscription_id = $1',
      [id],
    )
    expect(first).toHaveLength(1)
    const order = await t.order('tea-01', first[0]!.order_id)
    expect(order).toMatchObject({ channel: 'subscription', fulfilment: 'submitted' })
    expect(order?.amounts.totalFen).toBe(0)
    expect(order?.lines[0]?.skuId).toBe('pearl-milk-tea-l')

    // Skip the third week: it is not ordered, and validity grows by a week.
    const endBefore = (await pass('tea-01', 'p-eve', id)).endAt!
    const skip = await t.json(
      'POST',
      `/api/stores/tea-01/passes/${id}/skip`,
      { periodKey: '2026-12-07' },
      await t.consumer('p-eve'),
    )
    expect(skip.status).toBe(200)
    expect(skip.body.subscription.endAt).toBe(endBefore + WEEK)
    const past = await t.json(
      'POST',
      `/api/stores/tea-01/passes/${id}/skip`,
      { periodKey: '2026-11-23' },
      await t.consumer('p-eve'),
    )
    expect(past.status).toBe(409)

    // Down for three weeks: the first round after the restart owes 11-30 and 12-14 (12-07 is skipped)…
    t.setNow(at(12, 0, 21))
    await t.tick()
    expect(await generated(id)).toEqual(['2026-11-23', '2026-11-30', '2026-12-14'])
    // …and a late or repeated run creates nothing more.
    await t.tick()
    expect(await generated(id)).toEqual(['2026-11-23', '2026-11-30', '2026-12-14'])

    // Paused over a Monday: that period is not owed; resuming extends validity by the pause.
    const pause = await t.json('POST', `/api/stores/tea-01/passes/${id}/pause`, {}, await t.consumer('p-eve'))
    expect(pause.body.subscription.status).toBe('paused')
    t.setNow(at(12, 0, 28))
    await t.tick()
    const resumed = await t.json('POST', `/api/stores/tea-01/passes/${id}/resume`, {}, await t.consumer('p-eve'))
    expect(resumed.body.subscription.status).toBe('active')
    await t.tick()
    expect(await generated(id)).toEqual(['2026-11-23', '2026-11-30', '2026-12-14'])
    view = SubscriptionView.parse(resumed.body.subscription)
    expect(view.periodsLeft).toBe(1)
    t.setNow(view.nextPeriod!.start + 1_000)
    await t.tick()
    expect(await generated(id)).toHaveLength(4)
    t.setNow(view.nextPeriod!.start + 5 * WEEK)
    await t.tick()
    expect(await generated(id)).toHaveLength(4)
    expect((await pass('tea-01', 'p-eve', id)).status).toBe('expired')
  })

  it('[PAS-5] a daily plan owes today’s drink as soon as it is paid, and tomorrow’s at midnight', async () => {
    t.setNow(at(15, 0, 100))
    const id = await buy('tea-01', 'p-hal', 'tea-daily')
    await t.tick()
    await t.tick()
    expect(await generated(id)).toEqual(['2027-03-03'])
    t.setNow(at(0, 0, 101) + 1_000)
    await t.tick()
    expect(await generated(id)).toEqual(['2027-03-03', '2027-03-04'])
    expect((await pass('tea-01', 'p-hal', id)).periodsLeft).toBe(28)
  })

  it('[PAS-3] cancel keeps the pass until the end of its current period', async () => {
    t.setNow(at(9, 0, 63))
    const id = await buy('tea-01', 'p-fay', 'tea-weekly')
    t.setNow(at(10, 30, 63))
    await t.tick()
    const r = await t.json('POST', `/api/stores/tea-01/passes/${id}/cancel`, {}, await t.consumer('p-fay'))
    expect(r.body.subscription).toMatchObject({ status: 'cancelled_at_period_end', endAt: at(10, 0, 70) })
    t.setNow(at(10, 30, 70))
    await t.tick()
    expect(await generated(id)).toEqual(['2027-01-25'])
    expect((await pass('tea-01', 'p-fay', id)).status).toBe('expired')
    const other = await t.json('POST', `/api/stores/tea-01/passes/${id}/pause`, {}, await t.consumer('p-gus'))
    expect(other.status).toBe(404)
  })
})
