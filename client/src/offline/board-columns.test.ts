import { type Order, applyOrderEvent, createOrder } from '@xiaodian/domain'
import { describe, expect, it } from 'vitest'
import { boardColumns, channelLabel, formatAge, isLate, pickupLabel } from './board-columns'
import { meituanOrder } from './fake-bff.test-helpers'

const day = '2026-11-22'
const pos = (id: string, at: number, pickupNumber: number): Order =>
  createOrder({
    id,
    storeId: 's',
    channel: 'pos',
    businessDay: day,
    fulfilmentType: 'dine_in',
    pickupNumber,
    lines: [],
    at,
    by: 'tab-1',
  })
const moved = (o: Order, type: 'making_started' | 'ready' | 'done') => {
  const r = applyOrderEvent(o, { type, at: o.timestamps.createdAt + 1, by: 'x' })
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

describe('the board', () => {
  it('puts every open order in its status column, oldest first, and today’s finished ones last', () => {
    const orders = [
      pos('b', 2000, 2),
      pos('a', 1000, 1),
      meituanOrder('s', '9', 1500, day),
      moved(pos('c', 500, 3), 'making_started'),
      moved(moved(moved(pos('d', 100, 4), 'making_started'), 'ready'), 'done'),
      { ...moved(moved(moved(pos('e', 100, 5), 'making_started'), 'ready'), 'done'), businessDay: '2026-11-21' },
    ]
    const columns = boardColumns(orders, day, null)
    expect(columns.map((c) => [c.key, c.orders.map((o) => o.id)])).toEqual([
      ['new', ['a', 'meituan-9', 'b']],
      ['accepted', []],
      ['making', ['c']],
      ['ready', []],
      ['finished', ['d']],
    ])
  })

  it('shows an undoable move as already made', () => {
    const a = pos('a', 1000, 1)
    const columns = boardColumns([a], day, {
      orderId: 'a',
      kind: 'start',
      event: { type: 'making_started', at: 1001, by: 'x' },
      dueAt: 0,
    })
    expect(columns.find((c) => c.key === 'making')?.orders.map((o) => o.id)).toEqual(['a'])
  })

  it('labels pickup numbers by channel and turns the age timer red past the threshold', () => {
    expect(pickupLabel(pos('a', 0, 1003))).toBe('A1003')
    expect(pickupLabel(meituanOrder('s', '9', 0, day))).toBe('M007')
    expect(pickupLabel({ ...pos('abcdef', 0, 1), pickupNumber: null })).toBe('#cdef')
    expect(channelLabel(pos('a', 0, 1))).toBe('堂食')
    expect(channelLabel({ ...pos('a', 0, 1), fulfilmentType: 'pickup' })).toBe('外带')
    expect(channelLabel(meituanOrder('s', '9', 0, day))).toBe('美团')
    expect(formatAge(187)).toBe('3:07')
    expect(formatAge(3765)).toBe('1:02:45')
    const o = pos('a', 0, 1)
    expect(isLate(o, 9 * 60_000, 10)).toBe(false)
    expect(isLate(o, 10 * 60_000, 10)).toBe(true)
    expect(isLate(moved(moved(moved(o, 'making_started'), 'ready'), 'done'), 60 * 60_000, 10)).toBe(false)
  })
})
