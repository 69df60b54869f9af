import type { Order } from '@xiaodian/domain'
import { SalesReportResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testStorages } from '../db/test-databases'
import { seedDemoSales } from '../seed/demo-sales'
import { testApp } from '../test-app'

// Sunday 2026-11-22, 14:30 in Shanghai (UTC+8, no daylight saving), business-day cutoff 04:00.
const NOW = Date.UTC(2026, 10, 22, 6, 30)
const HOUR = 3_600_000

/** The business day of an instant, worked out by hand for Asia/Shanghai and a 04:00 cutoff. */
const dayOf = (t: number) => new Date(t + 8 * HOUR - 4 * HOUR).toISOString().slice(0, 10)
const localHour = (t: number) => new Date(t + 8 * HOUR).getUTCHours()

interface Expected {
  orders: number
  gross: number
  discount: number
  refund: number
  channels: Record<string, { orders: number; gross: number; refund: number }>
  hours: number[]
  items: Record<string, number>
  pearls: number
  promoCost: Record<string, number>
  cancelled: number
}

/** The day's figures computed straight from the stored orders, without the domain's dailySales. */
function expected(orders: readonly Order[], day: string): Expected {
  const e: Expected = {
    orders: 0,
    gross: 0,
    discount: 0,
    refund: 0,
    channels: {},
    hours: Array(24).fill(0),
    items: {},
    pearls: 0,
    promoCost: {},
    cancelled: 0,
  }
  for (const o of orders) {
    const onDay = dayOf(o.timestamps.createdAt) === day
    if (o.fulfilment === 'cancelled') {
      if (onDay) e.cancelled++
      continue
    }
    const ch = e.channels[o.channel] ?? { orders: 0, gross: 0, refund: 0 }
    e.channels[o.channel] = ch
    if (onDay) {
      let gross = 0
      let paid = 0
      for (const l of o.lines) {
        gross += l.unitPriceFen * l.quantity
        paid += l.totalFen
        e.items[l.itemName] = (e.items[l.itemName] ?? 0) + l.quantity
        if (l.options.some((op) => op.optionId === 'pearl')) e.pearls += l.quantity
      }
      e.orders++
      e.gross += gross
      e.discount += gross - paid
      ch.orders++
      ch.gross += gross
      e.hours[localHour(o.timestamps.createdAt)] = (e.hours[localHour(o.timestamps.createdAt)] ?? 0) + 1
      for (const p of o.promotions) e.promoCost[p.name] = (e.promoCost[p.name] ?? 0) + p.savingFen
    }
    for (const r of Object.values(o.refunds)) {
      if (dayOf(r.at) !== day) continue
      e.refund += r.amountFen
      ch.refund += r.amountFen
    }
  }
  for (const [k, v] of Object.entries(e.channels)) if (v.orders === 0 && v.refund === 0) delete e.channels[k]
  return e
}

for (const storage of testStorages()) {
  describe(`sales reports (${storage.name})`, () => {
    let t: Awaited<ReturnType<typeof testApp>>
    let owner: string
    let all: Order[]
    const days = [
      '2026-11-14',
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]

    beforeAll(async () => {
      t = await testApp({ db: await storage.open(), now: () => NOW })
      const seeded = await seedDemoSales(t.services, { days: 8, scale: 0.6, storeIds: ['tea-01'] })
      expect(seeded.orders).toBeGreaterThan(200)
      owner = await t.staffToken('tea-01', '9999')
      const rows = await t.db.query<{ doc: string }>(`select doc::text as doc from orders where store_id = 'tea-01'`)
      all = rows.map((r) => JSON.parse(r.doc) as Order)
    })
    afterAll(() => t.close())

    const get = (url: string, token = owner) => t.json('GET', url, undefined, token)

    it('a day equals the figures computed independently from the stored orders', async () => {
      for (const day of days) {
        const r = await get(`/api/stores/tea-01/reports/daily?day=${day}`)
        expect(r.status).toBe(200)
        const rep = SalesReportResponse.parse(r.body)
        const e = expected(all, day)
        const s = rep.sales
        expect([s.orders, s.grossFen, s.discountFen, s.refundFen, s.netFen, s.cancelledOrders]).toEqual([
          e.orders,
          e.gross,
          e.discount,
          e.refund,
          e.gross - e.discount - e.refund,
          e.cancelled,
        ])
        expect(s.averageTicketFen).toBe(e.orders ? Math.round((e.gross - e.discount) / e.orders) : 0)
        expect(
          Object.fromEntries(
            Object.entries(s.byChannel).map(([k, v]) => [
              k,
              { orders: v.orders, gross: v.grossFen, refund: v.refundFen },
            ]),
          ),
        ).toEqual(e.channels)
        expect(s.byHour.map((h) => h.orders)).toEqual(e.hours)
        expect(Object.fromEntries(s.byItem.map((i) => [i.name, i.quantity]))).toEqual(e.items)
        expect(s.byOption.find((o) => o.optionId === 'pearl')?.quantity ?? 0).toBe(e.pearls)
        expect(Object.fromEntries(s.promotions.map((p) => [p.name, p.costFen]))).toEqual(e.promoCost)
        expect(rep.live).toBe(day === '2026-11-22')
      }
    })

    it('the seeded month looks like a tea shop: Meituan about 45 %, lunch and afternoon peaks, some refunds', async () => {
      const r = SalesReportResponse.parse(
        (await get('/api/stores/tea-01/reports/daily?from=2026-11-14&to=2026-11-21')).body,
      )
      const share = (r.sales.byChannel.meituan?.orders ?? 0) / r.sales.orders
      expect(share).toBeGreaterThan(0.35)
      expect(share).toBeLessThan(0.55)
      const h = r.sales.byHour.map((x) => x.orders)
      expect(h[12]).toBeGreaterThan(h[10] as number)
      expect(h[15]).toBeGreaterThan(h[18] as number)
      expect(h.slice(0, 9).every((x) => x === 0)).toBe(true)
      expect(r.sales.refundFen).toBeGreaterThan(0)
      expect(r.sales.promotions.length).toBeGreaterThan(0)
    })

    it('a range adds up its days and compares with the same weekdays a week earlier', async () => {
      const r = SalesReportResponse.parse(
        (await get('/api/stores/tea-01/reports/daily?from=2026-11-16&to=2026-11-22')).body,
      )
      const e = days.slice(2).map((d) => expected(all, d))
      expect(r.sales.orders).toBe(e.reduce((a, x) => a + x.orders, 0))
      expect(r.sales.netFen).toBe(e.reduce((a, x) => a + x.gross - x.discount - x.refund, 0))
      expect(r.daily.map((d) => d.day)).toEqual(days.slice(2))
      expect(r.daily.map((d) => d.orders)).toEqual(e.map((x) => x.orders))
      expect([r.comparison.from, r.comparison.to]).toEqual(['2026-11-09', '2026-11-15'])
      const one = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily?day=2026-11-21')).body)
      const weekBefore = expected(all, '2026-11-14')
      expect(one.comparison.from).toBe('2026-11-14')
      expect(one.comparison.sales.orders).toBe(weekBefore.orders)
      expect(one.comparison.sales.netFen).toBe(weekBefore.gross - weekBefore.discount - weekBefore.refund)
    })

    it('compares a day still going on with last week up to the same time of day', async () => {
      const r = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily?day=2026-11-22')).body)
      const until = NOW - 7 * 24 * HOUR
      expect(r.comparison).toMatchObject({ from: '2026-11-15', to: '2026-11-15', until })
      const then = all.filter(
        (o) =>
          dayOf(o.timestamps.createdAt) === '2026-11-15' &&
          o.timestamps.createdAt < until &&
          o.fulfilment !== 'cancelled',
      )
      expect(r.comparison.sales.orders).toBe(then.length)
      expect(r.comparison.sales.grossFen).toBe(then.reduce((a, o) => a + o.amounts.subtotalFen, 0))
      const whole = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily?day=2026-11-21')).body)
      expect(whole.comparison.until).toBeUndefined()
      expect(whole.comparison.sales.orders).toBe(expected(all, '2026-11-14').orders)
    })

    it('keeps finished days and drops one when an order of that day changes', async () => {
      const first = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily?day=2026-11-20')).body)
      const kept = await t.db.query(`select 1 from report_days where store_id = 'tea-01' and day = '2026-11-20'`)
      expect(kept).toHaveLength(1)
      // Today is never kept: it is still moving.
      expect(await t.db.query(`select 1 from report_days where day = '2026-11-22'`)).toHaveLength(0)
      const victim = all.find((o) => dayOf(o.timestamps.createdAt) === '2026-11-20' && o.channel === 'pos')!
      // Two refunds recorded late: one dated on the order's day, one made today.
      const sameDay = {
        id: 'late-r1',
        amountFen: 300,
        at: victim.timestamps.createdAt + HOUR,
        reason: '补录',
        lines: {},
      }
      const today = { id: 'late-r2', amountFen: 500, at: NOW - 2 * HOUR, reason: '补退', lines: {} }
      const changed = {
        ...victim,
        refunds: { ...victim.refunds, [sameDay.id]: sameDay, [today.id]: today },
        timestamps: { ...victim.timestamps, updatedAt: NOW },
      }
      await t.services.ingestor.submit({ kind: 'order.upsert', storeId: 'tea-01', order: changed, at: NOW })
      const again = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily?day=2026-11-20')).body)
      // A refund counts on the day it was made.
      expect(again.sales.refundFen).toBe(first.sales.refundFen + 300)
      expect(again.sales.refundFen).toBe(expected(all, '2026-11-20').refund + 300)
      const now = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily?day=2026-11-22')).body)
      expect(now.sales.refundFen).toBe(expected(all, '2026-11-22').refund + 500)
      // The week after keeps comparing with the corrected day.
      const next = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily?day=2026-11-27')).body)
      expect(next.comparison.sales.refundFen).toBe(again.sales.refundFen)
    })

    it('follows today as orders arrive', async () => {
      const first = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily')).body)
      expect(first.from).toBe('2026-11-22')
      const template = all.find((o) => dayOf(o.timestamps.createdAt) === '2026-11-22' && o.channel === 'pos')!
      const fresh: Order = {
        ...template,
        id: 'tea-01-live-1',
        externalId: 'tea-01-live-1',
        refunds: {},
        fulfilment: 'submitted',
      }
      await t.services.ingestor.submit({ kind: 'order.upsert', storeId: 'tea-01', order: fresh, at: NOW })
      const next = SalesReportResponse.parse((await get('/api/stores/tea-01/reports/daily')).body)
      expect(next.sales.orders).toBe(first.sales.orders + 1)
      expect(next.sales.grossFen).toBe(first.sales.grossFen + fresh.amounts.subtotalFen)
    })

    it('never keeps a finished day that a change raced past', async () => {
      for (const day of days.slice(0, 5)) {
        await t.db.query(`delete from report_days where store_id = 'tea-01' and day = $1`, [day])
        const victim = all.find((o) => dayOf(o.timestamps.createdAt) === day && o.channel === 'pos')!
        const refund = {
          id: `race-${day}`,
          amountFen: 100,
          at: victim.timestamps.createdAt + 60_000,
          reason: '',
          lines: {},
        }
        const changed = { ...victim, refunds: { ...victim.refunds, [refund.id]: refund } }
        await Promise.all([
          get(`/api/stores/tea-01/reports/daily?day=${day}`),
          t.services.ingestor.submit({ kind: 'order.upsert', storeId: 'tea-01', order: changed, at: NOW }),
        ])
        for (let i = 0; i < 2; i++) {
          const r = SalesReportResponse.parse((await get(`/api/stores/tea-01/reports/daily?day=${day}`)).body)
          expect(r.sales.refundFen, day).toBe(expected(all, day).refund + 100)
        }
      }
    })

    it('exports CSV with the same figures', async () => {
      const res = await t.app.request('/api/stores/tea-01/reports/daily.csv?day=2026-11-21', {
        headers: { authorization: `Bearer ${owner}` },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/csv')
      const bytes = new Uint8Array(await res.arrayBuffer())
      // The byte-order mark Excel needs to read UTF-8 (a decoder would strip it).
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = new TextDecoder().decode(bytes)
      const e = expected(all, '2026-11-21')
      const net = e.gross - e.discount - e.refund
      const line = text.split('\r\n').find((l) => l.startsWith('净收入'))
      expect(line?.split(',')[1]).toBe(`${Math.floor(net / 100)}.${String(net % 100).padStart(2, '0')}`)
      expect(text).toContain('珍珠奶茶')
    })

    it('is for the owner only, and bad input is a 400', async () => {
      const staff = await t.staffToken('tea-01', '1111')
      expect((await get('/api/stores/tea-01/reports/daily', staff)).status).toBe(403)
      expect((await t.json('GET', '/api/stores/tea-01/reports/daily')).status).toBe(401)
      const washOwner = await t.staffToken('wash-01', '8888')
      expect((await get('/api/stores/tea-01/reports/daily', washOwner)).status).toBe(403)
      for (const q of [
        'day=2026-13-01',
        'day=yesterday',
        'from=2026-11-20&to=2026-11-01',
        'from=2026-01-01&to=2026-11-01',
        'from=2026-11-01',
        'day=2026-11-01&from=2026-11-01&to=2026-11-02',
      ]) {
        const r = await get(`/api/stores/tea-01/reports/daily?${q}`)
        expect(r.status, q).toBe(400)
        expect(r.body.error.code).toBe('VALIDATION_FAILED')
      }
    })
  })
}
