import { AttentionResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoSales } from '../seed/demo-sales'
import { testApp } from '../test-app'

// Sunday 2026-11-22, 14:30 in Shanghai.
const NOW = Date.UTC(2026, 10, 22, 6, 30)
let clock = NOW

describe('needs attention', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let owner: string
  beforeAll(async () => {
    t = await testApp({ now: () => clock })
    await seedDemoSales(t.services, { days: 1, scale: 0.3, storeIds: ['tea-01'] })
    owner = await t.staffToken('tea-01', '9999')
  })
  afterAll(() => t.close())

  const attention = async (q = '') => {
    const r = await t.json('GET', `/api/stores/tea-01/attention${q}`, undefined, owner)
    expect(r.status).toBe(200)
    return AttentionResponse.parse(r.body)
  }

  it('lists the unaccepted Meituan order, the payment without an order, the paid order not done and the refund waiting', async () => {
    const a = await attention()
    expect(a.counts).toEqual({ meituan_not_accepted: 1, payment_without_order: 1, paid_not_done: 1, refund_waiting: 1 })
    const byKind = Object.fromEntries(a.items.map((i) => [i.kind, i]))
    expect(byKind.meituan_not_accepted).toMatchObject({ channel: 'meituan', waitingMinutes: 9 })
    expect(byKind.payment_without_order).toMatchObject({ orderId: null, amountFen: 2800, waitingMinutes: 6 })
    expect(byKind.paid_not_done).toMatchObject({ channel: 'miniprogram', waitingMinutes: 47 })
    expect(byKind.refund_waiting?.channel).toBe('meituan')
    // Oldest first.
    expect(a.items.map((i) => i.since)).toEqual([...a.items.map((i) => i.since)].sort((x, y) => x - y))
  })

  it('applies the thresholds it is given', async () => {
    const a = await attention('?acceptMinutes=10&doneMinutes=60')
    expect(a.counts.meituan_not_accepted).toBe(0)
    expect(a.counts.paid_not_done).toBe(0)
    expect([a.acceptMinutes, a.doneMinutes]).toEqual([10, 60])
  })

  it('drops an item once it is dealt with', async () => {
    const before = await attention()
    const mt = before.items.find((i) => i.kind === 'meituan_not_accepted')!
    const externalId = mt.orderId!.replace(/^meituan-/, '')
    await t.services.ingestor.submit({
      kind: 'order.status',
      storeId: 'tea-01',
      channel: 'meituan',
      externalId,
      status: 'accepted',
      at: clock,
    })
    const refund = before.items.find((i) => i.kind === 'refund_waiting')!
    const row = await t.db.query<{ external_id: string }>(
      'select external_id from orders where store_id = $1 and id = $2',
      ['tea-01', refund.orderId],
    )
    const refundId = refund.key.split(':').at(-1)!
    await t.services.ingestor.submit({
      kind: 'refund',
      storeId: 'tea-01',
      channel: 'meituan',
      externalId: row[0]!.external_id,
      refundId,
      state: 'agreed',
      full: true,
      at: clock,
    })
    const after = await attention()
    expect(after.counts.meituan_not_accepted).toBe(0)
    expect(after.counts.refund_waiting).toBe(0)
    expect(after.counts.payment_without_order).toBe(1)
  })

  it('waits a moment before calling a payment an orphan', async () => {
    await t.services.ingestor.submit({
      kind: 'payment.succeeded',
      storeId: 'tea-01',
      provider: 'wechatpay',
      notificationId: 'n-early',
      outTradeNo: 'tea-01-not-yet',
      transactionId: '4200000000000000000000000777',
      amountFen: 1500,
      payerTotalFen: 1500,
      at: clock - 30_000,
    })
    expect((await attention()).counts.payment_without_order).toBe(1)
    clock = NOW + 3 * 60_000
    expect((await attention()).counts.payment_without_order).toBe(2)
  })

  it('is for the owner, and bad thresholds are a 400', async () => {
    const staff = await t.staffToken('tea-01', '1111')
    expect((await t.json('GET', '/api/stores/tea-01/attention', undefined, staff)).status).toBe(403)
    expect((await t.json('GET', '/api/stores/tea-01/attention?acceptMinutes=0', undefined, owner)).status).toBe(400)
    expect((await t.json('GET', '/api/stores/tea-01/attention?doneMinutes=abc', undefined, owner)).status).toBe(400)
  })
})
