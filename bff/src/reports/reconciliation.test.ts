import type { Order } from '@xiaodian/domain'
import { ReconciliationResponse, TradeBillResult } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testStorages } from '../db/test-databases'
import { seedDemoSales } from '../seed/demo-sales'
import { testApp } from '../test-app'
import { type BillRow, writeTradeBill } from './tradebill'

// Sunday 2026-11-22, 14:30 in Shanghai.
const NOW = Date.UTC(2026, 10, 22, 6, 30)
const HOUR = 3_600_000

for (const storage of testStorages()) {
  describe(`reconciliation (${storage.name})`, () => {
    let t: Awaited<ReturnType<typeof testApp>>
    let owner: string
    beforeAll(async () => {
      t = await testApp({ db: await storage.open(), now: () => NOW })
      await seedDemoSales(t.services, { days: 2, scale: 0.5, storeIds: ['tea-01'] })
      owner = await t.staffToken('tea-01', '9999')
    })
    afterAll(() => t.close())

    const reconcile = async (day: string) => {
      const r = await t.json('GET', `/api/stores/tea-01/reconciliation?day=${day}`, undefined, owner)
      expect(r.status).toBe(200)
      return ReconciliationResponse.parse(r.body)
    }
    const postBill = async (csv: string, type = 'text/csv') => {
      const res = await t.app.request('/api/stores/tea-01/reconciliation/tradebill', {
        method: 'POST',
        headers: { authorization: `Bearer ${owner}`, 'content-type': type },
        body: csv,
      })
      // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
      return { status: res.status, body: (await res.json()) as any }
    }

    it('a clean day matches every notification to its order', async () => {
      const r = await reconcile('2026-11-21')
      expect(r.mismatches).toEqual([])
      expect(r.payments.count).toBeGreaterThan(5)
      expect(r.matched).toBe(r.payments.count)
      expect(r.channels.miniprogram?.paidFen).toBe(r.payments.amountFen)
      expect(Object.keys(r.channels).sort()).toEqual(['meituan', 'miniprogram', 'pos'])
    })

    it('lists each disagreement with its reason', async () => {
      const rows = await t.db.query<{ doc: string }>(
        `select doc::text as doc from orders where store_id = 'tea-01' and channel = 'miniprogram' and doc->>'businessDay' = '2026-11-22' order by id`,
      )
      const [paidTwice, unpaidTemplate] = rows.map((r) => JSON.parse(r.doc) as Order)
      // A second notification, for less, on an order already paid.
      await t.services.ingestor.submit({
        kind: 'payment.succeeded',
        storeId: 'tea-01',
        provider: 'wechatpay',
        notificationId: 'n-dup',
        outTradeNo: paidTwice!.id,
        transactionId: '4200000000000000000000000999',
        amountFen: 100,
        payerTotalFen: 100,
        at: NOW - HOUR,
      })
      // A mini-program order whose payment never came.
      const unpaid: Order = {
        ...unpaidTemplate!,
        id: 'tea-01-unpaid-1',
        externalId: 'tea-01-unpaid-1',
        payments: {},
        payment: 'unpaid',
        refunds: {},
      }
      await t.services.ingestor.submit({ kind: 'order.upsert', storeId: 'tea-01', order: unpaid, at: NOW })
      const r = await reconcile('2026-11-22')
      const reasons = r.mismatches.map((m) => [m.reason, m.orderId ?? m.transactionId])
      expect(reasons).toContainEqual(['paid_twice', paidTwice!.id])
      expect(reasons).toContainEqual(['amount_mismatch', paidTwice!.id])
      expect(reasons).toContainEqual(['order_without_payment', 'tea-01-unpaid-1'])
      // The seeded notification for an order that never arrived.
      expect(r.mismatches.filter((m) => m.reason === 'payment_without_order')).toHaveLength(1)
      const amount = r.mismatches.find((m) => m.reason === 'amount_mismatch')!
      expect([amount.expectedFen, amount.actualFen]).toEqual([paidTwice!.amounts.totalFen, 100])
    })

    it('matches a WeChat Pay trade bill line by line', async () => {
      // The bill for 2026-11-21 (Beijing calendar day), as WeChat Pay would send it, then tampered with.
      const start = Date.UTC(2026, 10, 20, 16)
      const pays = await t.db.query<{
        transaction_id: string
        out_trade_no: string
        amount_fen: number
        paid_at: string
      }>(
        `select transaction_id, out_trade_no, amount_fen, paid_at from payments
          where store_id = 'tea-01' and paid_at >= $1 and paid_at < $2 order by paid_at`,
        [start, start + 24 * HOUR],
      )
      expect(pays.length).toBeGreaterThan(3)
      const rows: BillRow[] = pays.map((p) => ({
        at: Number(p.paid_at),
        transactionId: p.transaction_id,
        outTradeNo: p.out_trade_no,
        amountFen: Number(p.amount_fen),
      }))
      const missing = rows.pop()! // a notification the bill does not list
      const [first] = rows
      const changed = { ...(rows[1] as BillRow), amountFen: (rows[1] as BillRow).amountFen + 1 }
      rows[1] = changed
      rows.push({
        at: start + 10 * HOUR,
        transactionId: '4200000000000000000000012345',
        outTradeNo: 'tea-01-elsewhere',
        amountFen: 990,
      })
      rows.push({
        ...first!,
        at: first!.at + HOUR,
        refund: { refundId: '5030000000000000000000000001', outRefundNo: 'never-refunded', amountFen: 500 },
      })
      const csv = writeTradeBill({ appid: 'wxd0000000demo0001', mchid: '1900000101' }, rows)
      const r = await postBill(csv)
      expect(r.status).toBe(200)
      const res = TradeBillResult.parse(r.body)
      expect(res.billDay).toBe('2026-11-21')
      expect(res.rows).toBe(rows.length)
      expect(res.summary.consistent).toBe(true)
      const reasons = res.mismatches.map((m) => [m.reason, m.transactionId]).sort()
      expect(reasons).toEqual(
        [
          ['bill_amount_mismatch', changed.transactionId],
          ['bill_refund_not_in_system', first!.transactionId],
          ['not_in_bill', missing.transactionId],
          ['not_in_system', '4200000000000000000000012345'],
        ].sort(),
      )
      expect(res.matched).toBe(rows.length - 3)
      // The last import is shown with that day's reconciliation.
      expect((await reconcile('2026-11-21')).tradeBill?.rows).toBe(rows.length)
    })

    it('accepts the bill as JSON too, and refuses what is not a bill with the line at fault', async () => {
      const csv = writeTradeBill({ appid: 'wx', mchid: '1' }, [])
      expect((await postBill(JSON.stringify({ csv }), 'application/json')).status).toBe(200)
      const bad = await postBill('交易时间,微信订单号,商户订单号,交易状态,应结订单金额\n`oops')
      expect(bad.status).toBe(422)
      expect(bad.body.error.line).toBe(2)
      expect((await postBill(JSON.stringify({ csv: 1 }), 'application/json')).status).toBe(400)
      expect((await postBill('{not json', 'application/json')).status).toBe(400)
      const tampered = csv.replace('`0,`0.00', '`3,`0.00')
      const r = TradeBillResult.parse((await postBill(tampered)).body)
      expect(r.summary.consistent).toBe(false)
      expect(r.mismatches.map((m) => m.reason)).toContain('bill_summary_mismatch')
    })
  })
}
