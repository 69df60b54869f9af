import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '../db/open'
import { testStorages } from '../db/test-databases'
import { COMPACT_AFTER_ROWS, CollabStore } from './collab-store'

const silent = pino({ level: 'silent' })

/** `n` updates of one doc, each setting a key, and the doc that made them. */
function edits(n: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < n; i++) doc.getMap('m').set(`k${i % 7}`, i)
  return { doc, updates }
}

function stateOf(update: Uint8Array | undefined): unknown {
  const d = new Y.Doc()
  if (update) Y.applyUpdate(d, update)
  return d.getMap('m').toJSON()
}

for (const storage of testStorages()) {
  describe(`collab storage on ${storage.name}`, () => {
    it('numbers appends per document without gaps, merging a batch into one row, and loads them merged', async () => {
      const db = await storage.open()
      try {
        const store = new CollabStore(db, silent)
        const a = edits(30)
        const b = edits(5)
        const seqs = await Promise.all([
          ...a.updates.map((u) => store.append('cart:aaaaaaaa', u)),
          ...b.updates.map((u) => store.append('cart:bbbbbbbb', u)),
        ])
        const seqA = seqs.slice(0, 30)
        // Concurrent appends share rows; the numbers still run 1, 2, 3… in append order.
        expect(seqA).toEqual([...seqA].sort((x, y) => x - y))
        expect(new Set(seqA)).toEqual(new Set(Array.from({ length: seqA.at(-1)! }, (_, i) => i + 1)))
        expect(seqA.at(-1)).toBeLessThan(30)
        const loaded = await store.load('cart:aaaaaaaa')
        expect(loaded.seq).toBe(seqA.at(-1))
        expect(stateOf(loaded.update)).toEqual(a.doc.getMap('m').toJSON())
        expect(stateOf((await store.load('cart:bbbbbbbb')).update)).toEqual(b.doc.getMap('m').toJSON())
        const one = await store.append('cart:aaaaaaaa', edits(1).updates[0]!)
        expect(one).toBe(loaded.seq + 1)
        expect((await store.since('cart:aaaaaaaa', loaded.seq)).map((r) => r.seq)).toEqual([one])
        expect(await store.load('cart:none0000')).toEqual({ update: undefined, seq: 0 })
      } finally {
        await db.close()
      }
    })

    it(`compacts a document into one row past ${COMPACT_AFTER_ROWS} rows, keeping its content and head`, async () => {
      const db = await storage.open()
      try {
        const store = new CollabStore(db, silent)
        const { doc, updates } = edits(COMPACT_AFTER_ROWS + 20)
        for (const u of updates) await store.append('store:tea-01:board', u)
        await store.settled()
        expect(store.stats.compactions).toBeGreaterThanOrEqual(1)
        const rows = await db.query<{ n: string | number }>(
          'select count(*) as n from collab_updates where doc_name = $1',
          ['store:tea-01:board'],
        )
        expect(Number(rows[0]!.n)).toBeLessThan(25)
        const loaded = await store.load('store:tea-01:board')
        expect(loaded.seq).toBe(COMPACT_AFTER_ROWS + 20)
        expect(stateOf(loaded.update)).toEqual(doc.getMap('m').toJSON())
        // A reader that had seen row 3 still finds everything after it.
        const after3 = await store.since('store:tea-01:board', 3)
        expect(stateOf(Y.mergeUpdates(after3.map((r) => r.data)))).toEqual(doc.getMap('m').toJSON())
      } finally {
        await db.close()
      }
    })

    it('binds a client id to the first member that presents it', async () => {
      const db = await storage.open()
      try {
        const store = new CollabStore(db, silent)
        expect(await store.bind('cart:cccccccc', [11, 12], 'alice')).toEqual(
          new Map([
            [11, 'alice'],
            [12, 'alice'],
          ]),
        )
        expect(await store.bind('cart:cccccccc', [12, 13], 'bob')).toEqual(
          new Map([
            [12, 'alice'],
            [13, 'bob'],
          ]),
        )
        expect((await store.bindings('cart:cccccccc')).get(13)).toBe('bob')
        await store.drop(['cart:cccccccc'])
        expect((await store.bindings('cart:cccccccc')).size).toBe(0)
      } finally {
        await db.close()
      }
    })
  })
}

describe('collab storage across a restart', () => {
  it('keeps every appended update of a PGlite data directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xd-collab-'))
    try {
      const { doc, updates } = edits(12)
      const db1 = await openDatabase({ dataDir: dir, durable: true })
      const s1 = new CollabStore(db1, silent)
      for (const u of updates) await s1.append('cart:dddddddd', u)
      await db1.close()
      const db2 = await openDatabase({ dataDir: dir, durable: true })
      try {
        const loaded = await new CollabStore(db2, silent).load('cart:dddddddd')
        expect(loaded.seq).toBe(12)
        expect(stateOf(loaded.update)).toEqual(doc.getMap('m').toJSON())
      } finally {
        await db2.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
