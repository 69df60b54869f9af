import type { Order } from '@xiaodian/domain'
import { ORDER_FIELDS, ORDERS_RXDB_SCHEMA } from '@xiaodian/shared'
import { createRxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { describe, expect, it } from 'vitest'
import type { HttpClient } from '@/platform/http'
import { openTabletDatabase, ordersSchema } from './database'
import { eventually, FakeBff, meituanOrder } from './fake-bff.test-helpers'
import { sha256Hex } from './hash'
import { toDocument, toOrder } from './order-document'
import { startOrderReplication } from './replication'

const STORE = 'tea-01'
const DAY = '2026-11-23'
const AT = 1_790_000_000_000

const memory = () => getRxStorageMemory() as RxStorage<unknown, unknown>
const uniqueName = () => `xd-migrate-${Math.random().toString(36).slice(2)}`

/** The orders collection as the release before `acceptance` stored it: version 0, without the field. */
function schemaBeforeAcceptance(): RxJsonSchema<Order> {
  const { acceptance: _, ...properties } = ORDERS_RXDB_SCHEMA.properties
  const required = ORDER_FIELDS.filter((f) => f !== 'acceptance')
  return { ...ORDERS_RXDB_SCHEMA, version: 0, properties, required } as unknown as RxJsonSchema<Order>
}

/** A database as an earlier release of the tablet opened it, with that release's orders schema. */
async function openEarlierRelease(name: string, storage: RxStorage<unknown, unknown>, schema: RxJsonSchema<Order>) {
  const db = await createRxDatabase<{ orders: never }>({ name, storage, multiInstance: false, hashFunction: sha256Hex })
  const { orders } = await db.addCollections({ orders: { schema } })
  return { db, orders }
}

describe("the tablet's orders collection", () => {
  it('declares exactly the fields of the shared contract, all required', () => {
    expect(Object.keys(ordersSchema.properties).sort()).toEqual([...ORDER_FIELDS].sort())
    expect([...(ordersSchema.required ?? [])].sort()).toEqual([...ORDER_FIELDS].sort())
  })

  it('opens a database stored before orders had `acceptance`, keeping its orders, now with `acceptance: null`', async () => {
    const storage = memory()
    const name = uniqueName()
    const earlier = await openEarlierRelease(name, storage, schemaBeforeAcceptance())
    const order = meituanOrder(STORE, '1', AT, DAY)
    const { acceptance: _, ...stored } = toDocument(order)
    await earlier.orders.insert(stored)
    await earlier.db.close()

    // What went wrong before the version bump: the same version with another schema does not open.
    await expect(openEarlierRelease(name, storage, ORDERS_RXDB_SCHEMA as RxJsonSchema<Order>)).rejects.toMatchObject({
      code: 'DB6',
    })

    const db = await openTabletDatabase({ storeId: STORE, storage, multiInstance: false, name })
    try {
      const docs = await db.orders.find().exec()
      expect(docs).toHaveLength(1)
      // Stored with the field, not only filled in on read.
      expect(docs[0]?.toJSON()).toHaveProperty('acceptance', null)
      expect(toOrder(docs[0]?.toJSON() as unknown as Order)).toEqual({ ...order, acceptance: null })
      await db.orders.insert(toDocument(meituanOrder(STORE, '2', AT + 1, DAY)))
      expect(await db.orders.count().exec()).toBe(2)
    } finally {
      await db.close()
    }
  })

  it('keeps the replication where it was through the migration: nothing is pulled from the start or pushed again', async () => {
    const bff = new FakeBff()
    const pulls: string[] = []
    const http: HttpClient = {
      request: (req) => {
        if (req.path.includes('/pull?')) pulls.push(decodeURIComponent(req.path))
        return bff.http.request(req)
      },
    }
    const replicate = (collection: Parameters<typeof startOrderReplication>[0]['collection']) =>
      startOrderReplication({
        collection,
        storeId: STORE,
        origin: 'http://bff.test',
        deviceId: 'tablet-a',
        http,
        openStream: bff.openStream,
        baseUrl: '',
        token: () => 't',
        retryTimeMs: 50,
        waitForLeadership: false,
      })
    const storage = memory()
    const name = uniqueName()

    // The last release (version 0 with `acceptance`): one order pulled from the BFF, one taken at the counter.
    const earlier = await openEarlierRelease(name, storage, ORDERS_RXDB_SCHEMA as RxJsonSchema<Order>)
    bff.ingest(meituanOrder(STORE, '1', AT, DAY))
    await earlier.orders.insert(toDocument(meituanOrder(STORE, '2', AT + 1, DAY)))
    const first = replicate(earlier.orders as unknown as Parameters<typeof replicate>[0])
    await eventually(async () => bff.orders.size === 2 && (await earlier.orders.count().exec()) === 2)
    await first.replication.awaitInSync()
    await first.stop()
    await earlier.db.close()
    const pushed = bff.pushes.length
    expect(pushed).toBeGreaterThan(0)

    const db = await openTabletDatabase({ storeId: STORE, storage, multiInstance: false, name })
    const pullsBefore = pulls.length
    const again = replicate(db.orders)
    try {
      await again.replication.awaitInitialReplication()
      await eventually(() => pulls.length > pullsBefore)
      await again.replication.awaitInSync()
      expect(bff.pushes.length).toBe(pushed)
      for (const pull of pulls.slice(pullsBefore)) expect(pull).not.toContain('"updatedAt":0')
      expect(await db.orders.count().exec()).toBe(2)
    } finally {
      await again.stop()
      await db.close()
    }
  })
})
