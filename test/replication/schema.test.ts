import { type Order, createOrder } from '@xiaodian/domain'
import { ORDERS_RXDB_SCHEMA, OrderDocument } from '@xiaodian/shared'
import { type RxJsonSchema, addRxPlugin, createRxDatabase } from 'rxdb'
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv'
import { describe, expect, it } from 'vitest'
import { PickupBlocks, counterOrder, rng, uuidv7 } from '../support/offline-orders'
import { orderConflictHandler, packPushBodies, pushBodies, sha256 } from '../support/tablet'

// Dev-mode checks the schema as RxDB's own tooling would (indexed strings need maxLength, and so on).
disableWarnings()
addRxPlugin(RxDBDevModePlugin)

const DAY = '2026-11-23'

function orders(n: number): Order[] {
  const random = rng(7)
  const blocks = new PickupBlocks(
    [10, 11, 12, 13].map((block) => ({ block, blockSize: 100 })),
    DAY,
  )
  return Array.from({ length: n }, (_, i) =>
    counterOrder({
      id: uuidv7(1_790_000_000_000 + i),
      storeId: 'tea-01',
      businessDay: DAY,
      pickupNumber: blocks.next(DAY),
      device: 'tablet-a',
      at: 1_790_000_000_000 + i,
      random,
    }),
  )
}

describe('the replicated orders collection', () => {
  it('is a schema RxDB dev-mode accepts, holding domain orders of every channel, queried by its indexes', async () => {
    const db = await createRxDatabase({
      name: `schema-${Math.random().toString(36).slice(2)}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      multiInstance: false,
      hashFunction: sha256,
    })
    try {
      const { orders: col } = await db.addCollections({
        orders: { schema: ORDERS_RXDB_SCHEMA as RxJsonSchema<Order>, conflictHandler: orderConflictHandler },
      })
      const meituan = createOrder({
        id: 'meituan-27061900001',
        storeId: 'tea-01',
        channel: 'meituan',
        externalId: '27061900001',
        businessDay: DAY,
        fulfilmentType: 'delivery',
        customer: { name: '王先生', phoneMasked: '136****7030' },
        lines: [],
        at: 1_790_000_001_000,
        by: 'meituan',
      })
      const all = [...orders(20), meituan]
      await col.bulkInsert(all)
      const docs = await col
        .find({ selector: { businessDay: DAY, fulfilment: 'submitted' }, sort: [{ 'timestamps.createdAt': 'asc' }] })
        .exec()
      expect(docs.map((d) => d.primary)).toEqual(all.map((o) => o.id))
      // What RxDB hands the push handler parses with the shared contract.
      for (const d of docs) expect(() => OrderDocument.parse({ ...d.toJSON(), _deleted: false })).not.toThrow()
      await expect(col.insert({ ...meituan, id: 'x'.repeat(200) })).rejects.toThrow()
    } finally {
      await db.close()
    }
  })

  it('packs push rows into bodies under the BFF limit, whole rows only', () => {
    const rows = orders(300).map((o) => ({ newDocumentState: { ...o, _deleted: false } }))
    const bodies = packPushBodies(rows, 60_000)
    expect(bodies.length).toBeGreaterThan(1)
    for (const b of bodies) expect(new TextEncoder().encode(b).length).toBeLessThanOrEqual(60_000)
    expect(bodies.flatMap((b) => JSON.parse(b) as unknown[])).toEqual(rows)
    const fat = { assumedMasterState: rows[0]!.newDocumentState, newDocumentState: rows[0]!.newDocumentState }
    const size = new TextEncoder().encode(JSON.stringify(rows[0])).length
    expect(JSON.parse(packPushBodies([fat], size + 10)[0]!)).toEqual([{ newDocumentState: fat.newDocumentState }])
    expect(() => packPushBodies(rows.slice(0, 1), 100)).toThrow(/larger than a push body/)
  })

  it('compresses push bodies with gzip: at most 500 rows each, under the limit on the wire', async () => {
    const rows = orders(396).map((o) => ({ newDocumentState: { ...o, _deleted: false } }))
    const bodies = await pushBodies([...rows, ...rows, ...rows], true)
    expect(bodies.map((b) => b.gzip)).toEqual([true, true, true])
    const rowsOf = async (b: Uint8Array<ArrayBuffer>) => {
      const text = await new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
      return JSON.parse(text) as unknown[]
    }
    const sizes = []
    for (const b of bodies) {
      expect(b.body.length).toBeLessThanOrEqual(60_000)
      sizes.push((await rowsOf(b.body as Uint8Array<ArrayBuffer>)).length)
    }
    expect(sizes).toEqual([500, 500, 188])
    expect((await pushBodies(rows.slice(0, 3), false)).map((b) => b.gzip)).toEqual([false])
  })
})
