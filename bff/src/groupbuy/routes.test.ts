import {
  GroupBuyResponse,
  GroupOffersResponse,
  GroupSeatResponse,
  NotificationListResponse,
  RefundListResponse,
} from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flowApp } from '../booking/test-flows'

const T = '/api/stores/tea-01/groupbuys'
const HOUR = 3_600_000
let t: Awaited<ReturnType<typeof flowApp>>
let failedTeam: { orderId: string; outRefundNo: string } | undefined
beforeAll(async () => {
  t = await flowApp()
})
afterAll(() => t.close())

async function open(code: string) {
  const r = await t.json('POST', T, { offerId: 'gb-mango-3' }, await t.consumer(code))
  expect(r.status).toBe(201)
  return GroupSeatResponse.parse(r.body)
}

async function join(id: string, code: string) {
  return t.json('POST', `${T}/${id}/join`, {}, await t.consumer(code))
}

async function team(id: string) {
  return GroupBuyResponse.parse((await t.json('GET', `${T}/${id}`)).body).groupBuy
}

async function refundsOf(orderId: string) {
  const order = await t.order('tea-01', orderId)
  return Object.values(order?.refunds ?? {}).map((r) => [r.id, r.amountFen])
}

describe('拼团 API', () => {
  it('lists the store’s offers with the menu price beside the group price', async () => {
    const r = GroupOffersResponse.parse((await t.json('GET', `${T}/offers`)).body)
    expect(r.offers[0]).toMatchObject({ id: 'gb-mango-3', regularFen: 2200, groupFen: 1280, size: 3 })
  })

  it('[GRP-4] fills with paid members; the join that fills it confirms every member’s order', async () => {
    const a = await open('g-amy')
    const id = a.groupBuy.id
    expect(a.payment.amountFen).toBe(1280)
    const order = await t.order('tea-01', a.payment.outTradeNo)
    expect([order?.amounts.subtotalFen, order?.amounts.totalFen]).toEqual([2200, 1280])
    const b = GroupSeatResponse.parse((await join(id, 'g-ben')).body)
    const c = GroupSeatResponse.parse((await join(id, 'g-cat')).body)
    const again = await join(id, 'g-ben')
    expect([again.status, again.body.duplicate]).toEqual([200, true])
    const full = await join(id, 'g-dan')
    expect([full.status, full.body.error.code]).toEqual([409, 'GROUP_FULL'])

    await t.pay('tea-01', a.payment.outTradeNo, 1280)
    await t.pay('tea-01', b.payment.outTradeNo, 1280)
    expect(await team(id)).toMatchObject({ status: 'open', paid: 2 })
    await t.pay('tea-01', c.payment.outTradeNo, 1280)
    await t.tick()
    expect(await team(id)).toMatchObject({ status: 'succeeded', paid: 3 })
    for (const seat of [a, b, c])
      expect((await t.order('tea-01', seat.payment.outTradeNo))?.fulfilment).toBe('accepted')

    const owner = await t.staffToken('tea-01', '9999')
    const list = NotificationListResponse.parse(
      (await t.json('GET', '/api/stores/tea-01/notifications', undefined, owner)).body,
    )
    const outcome = list.notifications.filter((n) => n.kind === 'group_outcome')
    expect(outcome).toHaveLength(3)
    expect(outcome.every((n) => n.status === 'sent' && n.result?.errcode === 0)).toBe(true)
    expect(outcome[0]!.message).toMatchObject({
      template_id: 'demo-tmpl-group-outcome-0001',
      miniprogram_state: 'developer',
      lang: 'zh_CN',
      data: { thing1: { value: '杨枝甘露3人团' }, phrase2: { value: '拼团成功' }, amount4: { value: '¥12.80' } },
    })
    expect((await t.json('GET', '/api/stores/tea-01/notifications', undefined, await t.staffToken())).status).toBe(403)
  })

  it('[GRP-5] fails at the deadline and refunds every paid member once through WeChat Pay', async () => {
    const e = await open('g-eve')
    const f = GroupSeatResponse.parse((await join(e.groupBuy.id, 'g-fay')).body)
    await t.pay('tea-01', e.payment.outTradeNo, 1280)
    // Fay's seat lapses unpaid (15 minutes), then the day ends with two of three seats taken.
    t.advance(20 * 60_000)
    await t.tick()
    expect((await team(e.groupBuy.id)).members.map((m) => m.status)).toEqual(['paid', 'lapsed'])
    t.advance(24 * HOUR)
    await t.tick()
    await t.tick()
    const failed = await team(e.groupBuy.id)
    expect(failed.status).toBe('failed')
    expect(failed.members.map((m) => m.status)).toEqual(['refunded', 'lapsed'])
    const outRefundNo = `${e.groupBuy.id}|${failed.members[0]!.memberId}`
    expect((await t.order('tea-01', f.payment.outTradeNo))?.fulfilment).toBe('cancelled')
    failedTeam = { orderId: e.payment.outTradeNo, outRefundNo }

    // More rounds, a redelivered notification and the API asked again change nothing.
    await t.tick()
    const sim = await t.db.query('select * from sim_wechatpay_refunds where out_trade_no = $1', [e.payment.outTradeNo])
    expect(sim).toHaveLength(1)
    const req = t.sim.wechatRefunded('tea-01', e.payment.outTradeNo, outRefundNo, 1280, 1280, t.now())
    expect((await t.app.request(req.path, { method: 'POST', headers: req.headers, body: req.body })).status).toBe(200)
    await t.tick()
    const saga = await t.db.query<{ status: string }>('select status from refund_sagas where order_id = $1', [
      e.payment.outTradeNo,
    ])
    expect(saga.map((x) => x.status)).toEqual(['succeeded'])
    const owner = await t.staffToken('tea-01', '9999')
    const listed = RefundListResponse.parse((await t.json('GET', '/api/stores/tea-01/refunds', undefined, owner)).body)
    expect(listed.refunds.find((r) => r.orderId === e.payment.outTradeNo)).toMatchObject({
      status: 'succeeded',
      amountFen: 1280,
      source: 'groupbuy',
      reason: '拼团未成团',
    })

    // Fay pays after her seat lapsed: she is refunded too.
    await t.pay('tea-01', f.payment.outTradeNo, 1280)
    await t.tick()
    await t.tick()
    const late = await t.db.query<{ status: string }>('select status from refund_sagas where order_id = $1', [
      f.payment.outTradeNo,
    ])
    expect(late.map((x) => x.status)).toEqual(['succeeded'])
    const closed = await join(e.groupBuy.id, 'g-gus')
    expect([closed.status, closed.body.error.code]).toEqual([409, 'GROUP_CLOSED'])
  })

  it('[ORD-7] the refunded order carries the refund once (REFUND.SUCCESS matched to our own order)', async () => {
    expect(failedTeam).toBeDefined()
    const { orderId, outRefundNo } = failedTeam!
    expect(await refundsOf(orderId)).toEqual([[`wechatpay:${outRefundNo}`, 1280]])
    expect((await t.order('tea-01', orderId))?.payment).toBe('refunded')
  })

  it('messages the customer once when their order is ready', async () => {
    const g = await open('g-hal')
    await t.pay('tea-01', g.payment.outTradeNo, 1280)
    const staff = await t.staffToken()
    for (const status of ['accepted', 'making', 'ready']) {
      await t.json('POST', `/api/stores/tea-01/orders/${g.payment.outTradeNo}/status`, { status }, staff)
    }
    await t.tick()
    await t.tick()
    const rows = await t.db.query<{ message: { touser: string; data: Record<string, { value: string }> } }>(
      `select message from notifications where kind = 'order_ready' and dedupe_key = $1`,
      [`ready:${g.payment.outTradeNo}`],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.message.data.thing2!.value).toBe('杨枝甘露')
  })

  it('answers bad input without a 500', async () => {
    expect((await t.json('POST', T, { offerId: 'nope' }, await t.consumer('g-xavier'))).status).toBe(404)
    expect((await t.json('POST', T, { offerId: 5 }, await t.consumer('g-xavier'))).status).toBe(400)
    expect((await t.json('POST', T, { offerId: 'gb-mango-3' })).status).toBe(401)
    expect((await t.json('POST', `${T}/nope/join`, {}, await t.consumer('g-xavier'))).status).toBe(404)
    expect((await t.json('GET', `${T}/nope`)).status).toBe(404)
  })
})
