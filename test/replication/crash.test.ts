import { type Order, mergeOrders } from '@xiaodian/domain'
import { afterEach, describe, expect, it } from 'vitest'
import { BffProcess } from '../support/bff-process'
import { PickupBlocks, counterOrder, rng, staffChanges, uuidv7 } from '../support/offline-orders'
import { differing, eventually, serverOrders, storeLog } from '../support/store-api'
import { Tablet } from '../support/tablet'

const STORE = 'tea-01'
const DAY = '2026-11-23'
const PER_TABLET = Number(process.env.CRASH_ORDERS ?? 400)
const SHARED = 20

let cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {})
  cleanup = []
})

describe('replication through a BFF crash', () => {
  it('a BFF killed (SIGKILL) while tablets push loses nothing and doubles nothing once it is back [REP-8]', async () => {
    const bff = await BffProcess.start()
    cleanup.push(() => bff.stop())
    const token = await bff.staffToken()
    const random = rng(42)
    const tablets: Tablet[] = []
    const blocks: PickupBlocks[] = []
    for (const name of ['a', 'b']) {
      blocks.push(await PickupBlocks.register(bff.baseUrl, token, STORE, `tablet-${name}`, 5, DAY))
      const t = await Tablet.open({
        name,
        deviceId: `tablet-${name}`,
        storeId: STORE,
        baseUrl: () => bff.baseUrl,
        token,
      })
      cleanup.push(() => t.close())
      tablets.push(t)
    }
    const t0 = Date.now()
    const take = (k: number, at: number) =>
      counterOrder({
        id: uuidv7(at),
        storeId: STORE,
        businessDay: DAY,
        pickupNumber: blocks[k]!.next(DAY),
        device: `tablet-${k}`,
        at,
        random,
      })
    const initial = new Map<string, Order>()
    for (let i = 0; i < SHARED; i++) {
      const o = take(i % 2, t0 + i)
      initial.set(o.id, o)
      await tablets[i % 2]!.orders.insert(o)
    }
    await eventually(
      async () => (await Promise.all(tablets.map(async (t) => (await t.all()).size === SHARED))).every(Boolean),
      'shared orders did not reach both tablets',
    )

    await Promise.all(tablets.map((t) => t.goOffline()))
    const expected = new Map<string, Order>(initial)
    for (const [k, t] of tablets.entries()) {
      const batch = Array.from({ length: PER_TABLET }, (_, i) => take(k, t0 + 1000 + i))
      await t.orders.bulkInsert(batch)
      for (const o of batch) expected.set(o.id, o)
      for (const id of initial.keys()) await t.change(id, (cur) => staffChanges(cur, `tablet-${k}`, t0 + 5000, random))
    }
    const offline = await Promise.all(tablets.map((t) => t.all()))
    for (const id of initial.keys()) {
      expected.set(
        id,
        offline.map((m) => m.get(id)!).reduce((acc, o) => mergeOrders(acc, o), initial.get(id)!),
      )
    }

    // Both come back and start pushing; the BFF dies under them and restarts on the same data and port.
    await Promise.all(tablets.map((t) => t.goOnline()))
    await eventually(async () => tablets.every((t) => t.stats.pushRequests > 0), 'no push started')
    await bff.kill()
    await new Promise((r) => setTimeout(r, 500))
    await bff.restart()

    let server = new Map<string, Order>()
    await eventually(
      async () => {
        server = await serverOrders(bff.baseUrl, token, STORE)
        const states = await Promise.all(tablets.map((t) => t.all()))
        return server.size === expected.size && states.every((s) => differing(s, server).length === 0)
      },
      async () => `server ${server.size}/${expected.size}; ${JSON.stringify(tablets.map((t) => t.stats))}`,
      90_000,
    )
    expect(differing(server, expected)).toEqual([])
    const log = await storeLog(bff.baseUrl, token, STORE)
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1))
    const placed = new Map<string, number>()
    for (const e of log)
      if (e.type === 'order.placed' && e.orderId) placed.set(e.orderId, (placed.get(e.orderId) ?? 0) + 1)
    expect(placed.size).toBe(expected.size)
    expect([...placed.values()].every((n) => n === 1)).toBe(true)
    // The tablets did see the outage and got over it on their own.
    expect(tablets.some((t) => t.stats.errors > 0)).toBe(true)
  })
})
