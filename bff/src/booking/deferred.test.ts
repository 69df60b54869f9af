import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookingConfig } from './config'
import { DEMO_WASH_BOOKING } from './demo'
import { at, flowApp } from './test-flows'

// The tea shop's two tables, booked without naming one: a table is chosen when the party arrives.
const TABLES: BookingConfig = {
  ...DEMO_WASH_BOOKING,
  resources: [
    { id: 'table-a', name: 'A桌', capabilities: [] },
    { id: 'table-b', name: 'B桌', capabilities: [] },
  ],
  services: [
    {
      id: 'table',
      itemId: 'pearl-milk-tea',
      name: '下午茶位',
      durationMin: 60,
      bufferMin: 0,
      requires: [],
      slotIntervalMin: 30,
    },
  ],
  policy: { ...DEMO_WASH_BOOKING.policy, mode: 'deferred' },
}

const T = '/api/stores/tea-01/booking'
let t: Awaited<ReturnType<typeof flowApp>>
beforeAll(async () => {
  t = await flowApp()
  await t.db.query('insert into booking_configs (store_id, doc) values ($1, $2)', ['tea-01', JSON.stringify(TABLES)])
})
afterAll(() => t.close())

describe('deferred assignment', () => {
  it('[BKG-7] books by capacity without a table, then assigns one by best fit at check-in', async () => {
    const ids: string[] = []
    for (const code of ['table-amy', 'table-ben']) {
      const r = await t.json('POST', `${T}/holds`, { serviceId: 'table', start: at(14) }, await t.consumer(code))
      expect([r.status, r.body.booking.resourceId]).toEqual([201, null])
      ids.push(r.body.booking.id)
      await t.pay('tea-01', r.body.booking.orderId, r.body.booking.amountFen)
    }
    const third = await t.json(
      'POST',
      `${T}/holds`,
      { serviceId: 'table', start: at(14, 30) },
      await t.consumer('table-cat'),
    )
    expect([third.status, third.body.error.code]).toEqual([409, 'SLOT_TAKEN'])
    const a = await t.json('GET', `${T}/availability?serviceId=table&date=2026-11-23`)
    expect(a.body.slots.map((x: { label: string }) => x.label)).not.toContain('14:00')

    const staff = await t.staffToken()
    const first = await t.json('POST', `${T}/bookings/${ids[0]}/check-in`, {}, staff)
    const second = await t.json('POST', `${T}/bookings/${ids[1]}/check-in`, {}, staff)
    expect([first.body.booking.resourceId, second.body.booking.resourceId].sort()).toEqual(['table-a', 'table-b'])
  })

  it('reminds a confirmed booking once, within the store’s lead time', async () => {
    const r = await t.json('POST', `${T}/holds`, { serviceId: 'table', start: at(16) }, await t.consumer('table-dan'))
    await t.pay('tea-01', r.body.booking.orderId, r.body.booking.amountFen)
    await t.tick()
    const none = await t.db.query(
      `select 1 from notifications where kind = 'booking_reminder' and dedupe_key like $1`,
      [`reminder:${r.body.booking.id}:%`],
    )
    expect(none).toHaveLength(0)
    t.setNow(at(15, 10))
    await t.tick()
    await t.tick()
    const rows = await t.db.query<{
      status: string
      message: { touser: string; data: Record<string, { value: string }> }
    }>(`select status, message from notifications where kind = 'booking_reminder' and dedupe_key like $1`, [
      `reminder:${r.body.booking.id}:%`,
    ])
    expect(rows).toHaveLength(1)
    expect(rows[0]!.status).toBe('sent')
    expect(rows[0]!.message.data.time2!.value).toBe('2026年11月23日 16:00')
    expect(rows[0]!.message.data.thing1!.value).toBe('下午茶位')
  })
})
