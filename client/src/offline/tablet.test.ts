import { type Order, type PricedCart, businessDayOf, priceCart } from '@xiaodian/domain'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FakeBff, FakeNetwork, eventually, meituanOrder, memoryKv } from './fake-bff.test-helpers'
import { toOrder } from './order-document'
import { type Tablet, type TabletPlatform, openTablet } from './tablet'

const STORE = 'tea-01'
const menu = {
  id: 'm',
  categories: [
    {
      id: 'milk-tea',
      name: '奶茶',
      items: [{ id: 'tea', name: '奶茶', skus: [{ id: 'tea-m', name: '中杯', priceFen: 1200 }], optionGroups: [] }],
    },
  ],
}

function priced(quantity = 1): PricedCart {
  const r = priceCart(menu, { lines: [{ id: 'l1', selection: { itemId: 'tea', quantity } }] }, [], {
    now: 0,
    channel: 'pos',
    minuteOfDay: 600,
    weekday: 1,
  })
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

const open: Tablet[] = []
afterEach(async () => {
  for (const t of open.splice(0)) await t.close()
})

let dbCounter = 0

function platform(bff: FakeBff, network: FakeNetwork, overrides: Partial<TabletPlatform> = {}): TabletPlatform {
  return {
    http: bff.http,
    openStream: bff.openStream,
    baseUrl: '',
    origin: 'http://bff.test',
    kv: memoryKv(),
    rxStorage: getRxStorageMemory() as TabletPlatform['rxStorage'],
    multiInstance: false,
    network,
    ring: () => {},
    now: () => Date.now(),
    databaseName: `xd-test-${++dbCounter}`,
    undoMs: 50,
    retryTimeMs: 50,
    ...overrides,
  }
}

async function tablet(p: TabletPlatform): Promise<Tablet> {
  const t = await openTablet({ storeId: STORE, token: () => 'token' }, p)
  open.push(t)
  return t
}

const all = async (t: Tablet): Promise<Order[]> =>
  (await t.orders.find().exec()).map((d) => toOrder(d.toJSON() as unknown as Order))

describe('the staff tablet core', () => {
  it('takes counter orders offline with numbers from its own block, and syncs them when back online', async () => {
    const bff = new FakeBff()
    const netA = new FakeNetwork(true)
    const a = await tablet(platform(bff, netA))
    // Online once: the tablet gets its pickup-number block and keeps it.
    await eventually(() => a.pickup.block() !== null)
    bff.online = false
    netA.set(false)
    bff.dropStreams()

    const sold: Order[] = []
    for (let i = 0; i < 5; i++) {
      const r = await a.sell({ priced: priced(), fulfilmentType: 'dine_in', notes: '', paidWith: 'cash' })
      expect(r.ok).toBe(true)
      if (r.ok) sold.push(r.value)
    }
    expect(sold.map((o) => o.pickupNumber)).toEqual([1001, 1002, 1003, 1004, 1005])
    expect(sold.every((o) => o.payment === 'paid' && o.channel === 'pos')).toBe(true)
    await eventually(() => a.sync.getState().pendingIds.size === 5)
    expect(a.sync.getState().online).toBe(false)
    expect(bff.orders.size).toBe(0)

    bff.online = true
    netA.set(true)
    await eventually(() => bff.orders.size === 5 && a.sync.getState().pendingIds.size === 0)
    expect(a.sync.getState().lastSyncAt).not.toBeNull()
  })

  it('shows another channel’s order on a second tablet through the pull stream, and rings once', async () => {
    const bff = new FakeBff()
    const ring = vi.fn()
    const b = await tablet(platform(bff, new FakeNetwork(true), { ring }))
    await eventually(() => b.sync.getState().live)
    const day = businessDayOf(Date.now(), 'Asia/Shanghai', 240)
    bff.ingest(meituanOrder(STORE, '9001', Date.now(), day))
    await eventually(async () => (await all(b)).some((o) => o.id === 'meituan-9001'))
    await eventually(() => ring.mock.calls.length === 1)
    expect(b.alerts.getState().ids).toEqual(['meituan-9001'])
    b.alerts.acknowledge('meituan-9001')
    expect(b.alerts.getState().ids).toEqual([])
  })

  it('merges concurrent moves of one order from two offline tablets instead of keeping the last writer', async () => {
    const bff = new FakeBff()
    const day = businessDayOf(Date.now(), 'Asia/Shanghai', 240)
    bff.ingest(meituanOrder(STORE, '42', Date.now(), day))
    const netA = new FakeNetwork(true)
    const netB = new FakeNetwork(true)
    const a = await tablet(platform(bff, netA))
    const b = await tablet(platform(bff, netB))
    await eventually(async () => (await all(a)).length === 1 && (await all(b)).length === 1)

    bff.online = false
    netA.set(false)
    netB.set(false)
    bff.dropStreams()
    // A accepts and starts making; B, later, marks it ready directly from accepted.
    await a.move('meituan-42', 'accept')
    await a.move('meituan-42', 'start')
    await a.moves.flush()
    await b.move('meituan-42', 'accept')
    await b.moves.flush()
    await b.move('meituan-42', 'ready')
    await b.moves.flush()
    await eventually(() => a.sync.getState().pendingIds.size === 1 && b.sync.getState().pendingIds.size === 1)

    bff.online = true
    netB.set(true)
    netA.set(true)
    const status = async (t: Tablet) => (await all(t))[0]?.fulfilment
    await eventually(async () => (await status(a)) === 'ready' && (await status(b)) === 'ready')
    expect(bff.orders.get('meituan-42')?.order.fulfilment).toBe('ready')
    const merged = bff.orders.get('meituan-42')?.order
    expect(merged?.timestamps.makingAt).not.toBeNull()
    await eventually(() => a.sync.getState().pendingIds.size === 0 && b.sync.getState().pendingIds.size === 0)
  })

  it('undoes the last move before it is written, and writes it once the undo window passes', async () => {
    const bff = new FakeBff()
    const day = businessDayOf(Date.now(), 'Asia/Shanghai', 240)
    bff.ingest(meituanOrder(STORE, '7', Date.now(), day))
    const a = await tablet(platform(bff, new FakeNetwork(true), { undoMs: 100 }))
    await eventually(async () => (await all(a)).length === 1)

    await a.move('meituan-7', 'accept')
    expect(a.moves.store.getState().pending?.kind).toBe('accept')
    expect(a.moves.undo()).toBe(true)
    await new Promise((r) => setTimeout(r, 200))
    expect((await all(a))[0]?.fulfilment).toBe('submitted')

    await a.move('meituan-7', 'reject')
    await eventually(async () => (await all(a))[0]?.fulfilment === 'cancelled')
    expect((await all(a))[0]?.cancelReason).toBe('商家拒单')
    await eventually(() => bff.orders.get('meituan-7')?.order.fulfilment === 'cancelled')
  })

  it('keeps orders and pending changes through a restart while offline', async () => {
    const bff = new FakeBff()
    const storage = getRxStorageMemory() as TabletPlatform['rxStorage']
    const kv = memoryKv()
    const net = new FakeNetwork(true)
    const p = platform(bff, net, { rxStorage: storage, kv, databaseName: 'xd-restart' })
    const first = await tablet(p)
    await eventually(() => first.pickup.block() !== null)
    bff.online = false
    net.set(false)
    bff.dropStreams()
    await first.sell({ priced: priced(2), fulfilmentType: 'pickup', notes: '少冰', paidWith: 'qr' })
    await first.sell({ priced: priced(), fulfilmentType: 'dine_in', notes: '', paidWith: null })
    open.splice(open.indexOf(first), 1)
    await first.close()

    const again = await tablet(p)
    const orders = await all(again)
    expect(orders.map((o) => o.pickupNumber).sort()).toEqual([1001, 1002])
    expect(orders.find((o) => o.notes === '少冰')?.payments).toHaveProperty(
      `qr:${orders.find((o) => o.notes === '少冰')?.id}`,
    )
    await eventually(() => again.sync.getState().pendingKnown && again.sync.getState().pendingIds.size === 2)
    // The next number continues the block: a reload never hands one out twice.
    const next = await again.sell({ priced: priced(), fulfilmentType: 'dine_in', notes: '', paidWith: 'cash' })
    expect(next.ok && next.value.pickupNumber).toBe(1003)

    bff.online = true
    net.set(true)
    await eventually(() => bff.orders.size === 3 && again.sync.getState().pendingIds.size === 0)
  })
})
