import { type Order, mergeOrders, ordersEqual } from '@xiaodian/domain'
import { afterEach, describe, expect, it } from 'vitest'
import { BffProcess } from '../support/bff-process'
import { PickupBlocks, counterOrder, rng, shuffle, staffChanges, uuidv7 } from '../support/offline-orders'
import { differing, eventually, serverOrders, storeLog } from '../support/store-api'
import { Tablet } from '../support/tablet'

const STORE = 'tea-01'
const DAY = '2026-11-23'
const SEED = Number(process.env.CONVERGENCE_SEED ?? Date.now() % 1_000_000_000)
const PER_TABLET = Number(process.env.CONVERGENCE_ORDERS ?? 300)
const SHARED = 50

let cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {})
  cleanup = []
})

describe('offline tablets converge', () => {
  it(`three tablets offline, ${PER_TABLET} orders each and concurrent changes to ${SHARED} shared orders, reconnecting in a random order [REP-7]`, async () => {
    console.log(`convergence seed ${SEED} (CONVERGENCE_SEED=${SEED} replays it)`)
    const random = rng(SEED)
    const bff = await BffProcess.start()
    cleanup.push(() => bff.stop())
    const token = await bff.staffToken()
    const names = ['a', 'b', 'c']
    const tablets: Tablet[] = []
    const blocks: PickupBlocks[] = []
    for (const name of names) {
      const deviceId = `tablet-${name}`
      // Enough blocks for a busy day offline: each block holds 99 numbers.
      blocks.push(await PickupBlocks.register(bff.baseUrl, token, STORE, deviceId, 4, DAY))
      // Tablet b pushes plain JSON, the others gzip: both body forms take part.
      const t = await Tablet.open({
        name,
        deviceId,
        storeId: STORE,
        baseUrl: () => bff.baseUrl,
        token,
        gzip: name !== 'b',
      })
      cleanup.push(() => t.close())
      tablets.push(t)
    }
    const t0 = Date.now()
    const take = (k: number, r: () => number, at: number) =>
      counterOrder({
        id: uuidv7(at),
        storeId: STORE,
        businessDay: DAY,
        pickupNumber: blocks[k]!.next(DAY),
        device: `tablet-${names[k]}`,
        at,
        random: r,
      })

    // Online: the shared orders are taken on the three tablets and reach all of them.
    const initial = new Map<string, Order>()
    for (let i = 0; i < SHARED; i++) {
      const o = take(i % 3, random, t0 + i)
      initial.set(o.id, o)
      await tablets[i % 3]!.orders.insert(o)
    }
    await eventually(
      async () => (await Promise.all(tablets.map(async (t) => (await t.all()).size === SHARED))).every(Boolean),
      async () => `tablets hold ${(await Promise.all(tablets.map((t) => t.all()))).map((m) => m.size)}`,
    )
    expect(differing(await serverOrders(bff.baseUrl, token, STORE), initial)).toEqual([])

    // Offline: each tablet takes its orders and works through the shared ones, all three at once.
    await Promise.all(tablets.map((t) => t.goOffline()))
    const created = new Map<string, Order>()
    const sharedIds = [...initial.keys()]
    await Promise.all(
      tablets.map(async (t, k) => {
        const r = rng(SEED + k + 1)
        const device = `tablet-${names[k]}`
        const todo = shuffle(sharedIds, r)
        for (let i = 0; i < PER_TABLET; i++) {
          const at = t0 + 60_000 + i * 1000 + k
          const o = take(k, r, at)
          created.set(o.id, o)
          await t.orders.insert(o)
          // Interleaved with the counter work, the staff move the shared orders along.
          const share = Math.ceil(((i + 1) * SHARED) / PER_TABLET) - Math.ceil((i * SHARED) / PER_TABLET)
          for (const id of todo.splice(0, share)) await t.change(id, (cur) => staffChanges(cur, device, at, r))
        }
        for (const id of todo) await t.change(id, (cur) => staffChanges(cur, device, t0 + 999_999, r))
      }),
    )
    const offline = await Promise.all(tablets.map((t) => t.all()))
    const expected = new Map<string, Order>(created)
    for (const id of sharedIds) {
      expected.set(
        id,
        offline.map((m) => m.get(id)!).reduce((acc, o) => mergeOrders(acc, o), initial.get(id)!),
      )
    }
    // The tablets really disagreed before reconnecting.
    const disagreements = sharedIds.filter((id) => !ordersEqual(offline[0]!.get(id)!, offline[1]!.get(id)!))
    expect(disagreements.length).toBeGreaterThan(SHARED / 2)

    // Back online, in a random order and a little apart.
    const order = shuffle([0, 1, 2], random)
    console.log(`reconnecting ${order.map((k) => names[k]).join(', ')}`)
    for (const k of order) {
      await new Promise((r) => setTimeout(r, Math.floor(random() * 300)))
      await tablets[k]!.goOnline()
    }

    const total = SHARED + 3 * PER_TABLET
    let server = new Map<string, Order>()
    await eventually(
      async () => {
        server = await serverOrders(bff.baseUrl, token, STORE)
        if (server.size !== total) return false
        const states = await Promise.all(tablets.map((t) => t.all()))
        return states.every((s) => differing(s, server).length === 0)
      },
      async () => {
        const states = await Promise.all(tablets.map((t) => t.all()))
        return `server ${server.size}/${total}; tablets ${states.map((s) => `${s.size} (${differing(s, server).length} differ)`)}; stats ${JSON.stringify(tablets.map((t) => t.stats))}`
      },
      90_000,
    )

    // Identical everywhere, and equal to the domain merge of every change: nothing lost, nothing doubled.
    expect(differing(server, expected)).toEqual([])
    for (const t of tablets) expect(differing(await t.all(), expected)).toEqual([])
    for (const id of sharedIds) expect(server.get(id)!.fulfilment).toBe(expected.get(id)!.fulfilment)

    // Pickup numbers are unique per business day.
    const numbers = new Map<string, Set<number>>()
    for (const o of server.values()) {
      const seen = numbers.get(o.businessDay) ?? new Set<number>()
      expect(o.pickupNumber, `pickup number of ${o.id}`).not.toBeNull()
      expect(seen.has(o.pickupNumber!), `pickup number ${o.pickupNumber} twice on ${o.businessDay}`).toBe(false)
      seen.add(o.pickupNumber!)
      numbers.set(o.businessDay, seen)
    }

    // Each offline order entered the order stream exactly once, as a placement by its tablet.
    const log = await storeLog(bff.baseUrl, token, STORE)
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1))
    const placed = new Map<string, number>()
    for (const e of log)
      if (e.type === 'order.placed' && e.orderId) placed.set(e.orderId, (placed.get(e.orderId) ?? 0) + 1)
    expect(placed.size).toBe(total)
    expect([...placed.values()].every((n) => n === 1)).toBe(true)
    const byDevice = new Map(log.filter((e) => e.type === 'order.placed').map((e) => [e.orderId, e.detail.deviceId]))
    for (const [id, o] of created) expect(byDevice.get(id)).toBe(o.linesStamp.by)

    const stats = tablets.map((t) => t.stats)
    console.log(`tablet stats ${JSON.stringify(stats)}; log ${log.length} events`)
    // The scenario did exercise the conflict path.
    expect(stats.reduce((s, x) => s + x.conflicts, 0)).toBeGreaterThan(0)
  })
})
