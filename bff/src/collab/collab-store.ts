import type { Logger } from 'pino'
import * as Y from 'yjs'
import type { Database, Sql } from '../db/database'

/** The NOTIFY channel that tells other BFF processes a document grew (payload `<seq> <docName>`). */
export const COLLAB_CHANNEL = 'xd_collab'

/**
 * A document is compacted into one row once this many rows, or this many bytes, were appended since
 * (loading 500 small rows merges in a few milliseconds; a compaction rewrites the document).
 */
export const COMPACT_AFTER_ROWS = 500
export const COMPACT_AFTER_BYTES = 1 << 20

/** A line (or one key of it, `field`) removed by someone other than the line's author. */
export interface ForeignRemoval {
  lineId: string
  /** `''` for the whole line. */
  field: string
  author: string
  removedBy: string
}

/** Removal bookkeeping that travels with an update: records to add, and (line, key) records to clear. */
export interface RemovalChanges {
  record: ForeignRemoval[]
  /** `field: null` clears every record of the line. */
  clear: { lineId: string; field: string | null }[]
}

interface Pending {
  docName: string
  update: Uint8Array
  removals: RemovalChanges | undefined
  resolve: (seq: number) => void
  reject: (err: unknown) => void
}

const ROWS_PER_INSERT = 1000
/** While batches follow each other closer than BUSY_WINDOW_MS, a drain waits LINGER_MS to gather more. */
const BUSY_WINDOW_MS = 50
const LINGER_MS = 4
/** Committed updates reach stable storage within about this long (a power cut's window). */
export const FLUSH_EVERY_MS = 200

/**
 * Keeps Yjs updates per document. Appends from every room of the process are written together (group
 * commit: one transaction per batch, one row per document) and each caller learns its update's sequence
 * number once it is committed. Rooms relay an update only after that, so a restart (or a crash) of the
 * process can never lose something a client has seen. On PostgreSQL the same transaction sends a NOTIFY
 * per document, delivered to the other processes at commit.
 */
export class CollabStore {
  readonly #db: Database
  readonly #log: Logger
  #queue: Pending[] = []
  #running: Promise<void> | undefined
  readonly #toCompact = new Set<string>()
  #unflushed = false
  #flushedAt = 0
  #flushTimer: NodeJS.Timeout | undefined
  #scheduled: NodeJS.Timeout | undefined
  #lastBatchAt = Number.NEGATIVE_INFINITY
  /** Batches, rows and compactions written, for tests and benchmarks. */
  readonly stats = { batches: 0, rows: 0, compactions: 0 }

  constructor(db: Database, log: Logger) {
    this.#db = db
    this.#log = log
  }

  /** Every stored update of a document merged into one, and the document's head sequence. */
  async load(docName: string): Promise<{ update: Uint8Array | undefined; seq: number }> {
    const rows = await this.since(docName, 0)
    if (rows.length === 0) return { update: undefined, seq: 0 }
    const update = rows.length === 1 ? rows[0]!.data : Y.mergeUpdates(rows.map((r) => r.data))
    return { update, seq: rows.at(-1)!.seq }
  }

  /** Rows of a document after `afterSeq`, in order. */
  async since(docName: string, afterSeq: number): Promise<{ seq: number; data: Uint8Array }[]> {
    const rows = await this.#db.query<{ seq: string | number; data: Uint8Array }>(
      'select seq, data from collab_updates where doc_name = $1 and seq > $2 order by seq',
      [docName, afterSeq],
    )
    return rows.map((r) => ({ seq: Number(r.seq), data: bytes(r.data) }))
  }

  /** Which principal each Yjs client id of a document belongs to. */
  async bindings(docName: string): Promise<Map<number, string>> {
    const rows = await this.#db.query<{ client_id: string | number; principal: string }>(
      'select client_id, principal from collab_clients where doc_name = $1',
      [docName],
    )
    return new Map(rows.map((r) => [Number(r.client_id), r.principal]))
  }

  /** Binds client ids not bound yet to `principal`; answers the owner of each (first binder wins). */
  async bind(docName: string, clientIds: readonly number[], principal: string): Promise<Map<number, string>> {
    const values = clientIds.map((_, i) => `($1, $${i + 3}, $2)`).join(', ')
    await this.#db.query(
      `insert into collab_clients (doc_name, client_id, principal) values ${values} on conflict do nothing`,
      [docName, principal, ...clientIds],
    )
    const owners = await this.#db.query<{ client_id: string | number; principal: string }>(
      `select client_id, principal from collab_clients where doc_name = $1 and client_id in (${clientIds.map((_, i) => `$${i + 2}`).join(', ')})`,
      [docName, ...clientIds],
    )
    return new Map(owners.map((r) => [Number(r.client_id), r.principal]))
  }

  /** The removals by non-authors still standing in a document. */
  async foreignRemovals(docName: string): Promise<ForeignRemoval[]> {
    const rows = await this.#db.query<{ line_id: string; field: string; author: string; removed_by: string }>(
      'select line_id, field, author, removed_by from collab_foreign_removals where doc_name = $1 order by line_id, field',
      [docName],
    )
    return rows.map((r) => ({ lineId: r.line_id, field: r.field, author: r.author, removedBy: r.removed_by }))
  }

  /** Appends one update; resolves with its sequence number once it is committed. */
  append(docName: string, update: Uint8Array, removals?: RemovalChanges): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ docName, update, removals, resolve, reject })
      this.#schedule()
    })
  }

  /**
   * Starts a drain: at once when the writer has been idle, a few milliseconds later when it is busy, so
   * a steady stream of small updates is written in batches (a PGlite transaction costs about as much CPU
   * as a hundred rows in it).
   */
  #schedule(): void {
    if (this.#running || this.#scheduled) return
    const busy = performance.now() - this.#lastBatchAt < BUSY_WINDOW_MS
    this.#scheduled = setTimeout(
      () => {
        this.#scheduled = undefined
        this.#kick(() => this.#drain())
      },
      busy ? LINGER_MS : 0,
    )
  }

  /** Runs `task` unless one is running; whatever was appended meanwhile is written right after it. */
  #kick(task: () => Promise<void>): void {
    if (this.#running) return
    this.#running = task().finally(() => {
      this.#running = undefined
      // Appends that arrived after the drain's last look at the queue (in a microtask before this one).
      if (this.#queue.length > 0) this.#kick(() => this.#drain())
    })
  }

  /** Resolves when everything appended so far is written and flushed (and pending compactions ran). */
  async settled(): Promise<void> {
    while (this.#running || this.#scheduled) await (this.#running ?? new Promise((r) => setTimeout(r, LINGER_MS)))
    if (this.#unflushed) await this.#flush()
  }

  /** Deletes documents and everything kept for them. */
  async drop(docNames: readonly string[]): Promise<void> {
    if (docNames.length === 0) return
    const list = docNames.map((_, i) => `$${i + 1}`).join(', ')
    await this.#db.transaction(async (tx) => {
      for (const table of ['collab_updates', 'collab_clients', 'collab_foreign_removals', 'collab_docs']) {
        await tx.query(`delete from ${table} where doc_name in (${list})`, docNames)
      }
    })
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#toCompact.size > 0) {
      if (this.#queue.length > 0) {
        const batch = this.#queue
        this.#queue = []
        await this.#write(batch)
      }
      // One compaction between batches: under a steady load it neither starves nor holds writes back long.
      const [docName] = this.#toCompact
      if (docName !== undefined) {
        this.#toCompact.delete(docName)
        await this.#compact(docName).catch((err) => this.#log.warn({ err, docName }, 'collab compaction failed'))
      }
      if (performance.now() - this.#flushedAt >= FLUSH_EVERY_MS) await this.#flush()
    }
    // Idle with commits not yet on stable storage: flush them shortly, through the queue's own loop.
    if (this.#unflushed && !this.#flushTimer) {
      this.#flushTimer = setTimeout(() => {
        this.#flushTimer = undefined
        // A drain running by now flushes on its own.
        this.#kick(() => this.#flush())
      }, FLUSH_EVERY_MS)
      this.#flushTimer.unref()
    }
  }

  /**
   * Committed rows survive a crash of the process, so relaying does not wait for the flush to stable
   * storage (a power cut; the clients hold every update they made and send it again on reconnect). The
   * flush runs between batches at most every FLUSH_EVERY_MS, never beside a commit: PGlite writes its
   * WAL synchronously, and a write racing an fsync of the same file stalls the event loop for as long as
   * the fsync takes.
   */
  async #flush(): Promise<void> {
    this.#unflushed = false
    this.#flushedAt = performance.now()
    await this.#db.flush().catch((err: unknown) => this.#log.warn({ err }, 'collab WAL flush failed'))
  }

  async #write(batch: Pending[]): Promise<void> {
    const byDoc = new Map<string, Pending[]>()
    for (const p of batch) byDoc.set(p.docName, [...(byDoc.get(p.docName) ?? []), p])
    // One row per document per batch: under load the updates of a batch are merged, so the row count
    // (and the work of every later load and compaction) grows with batches, not with keystrokes.
    const rows = [...byDoc]
      .sort(([a], [b]) => (a < b ? -1 : 1)) // heads are locked in name order: no deadlock across processes
      .map(([name, items]) => ({
        name,
        items,
        data: items.length === 1 ? items[0]!.update : Y.mergeUpdates(items.map((p) => p.update)),
      }))
    const seqs = new Map<string, number>()
    try {
      await this.#db.transaction(async (tx) => {
        const heads = await advanceHeads(tx, rows)
        for (const r of rows) {
          const head = heads.get(r.name)!
          seqs.set(r.name, head.seq)
          if (head.rows >= COMPACT_AFTER_ROWS || head.bytes >= COMPACT_AFTER_BYTES) this.#toCompact.add(r.name)
        }
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
          await insertRows(
            tx,
            rows.slice(i, i + ROWS_PER_INSERT).map((r) => [r.name, seqs.get(r.name)!, r.data]),
          )
        for (const p of batch) if (p.removals) await writeRemovals(tx, p.docName, p.removals)
        if (this.#db.kind === 'postgres') {
          const payloads = rows.map((r) => `${seqs.get(r.name)} ${r.name}`)
          await tx.query('select pg_notify($1, p) from unnest($2::text[]) as p', [COLLAB_CHANNEL, payloads])
        }
      })
    } catch (err) {
      this.#log.error({ err, size: batch.length }, 'collab batch failed')
      for (const p of batch) p.reject(err)
      return
    }
    this.#unflushed = true
    this.#lastBatchAt = performance.now()
    this.stats.batches++
    this.stats.rows += rows.length
    for (const p of batch) p.resolve(seqs.get(p.docName)!)
  }

  /** Replaces a document's rows by one row holding its state (deleted content garbage-collected). */
  async #compact(docName: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query('select seq from collab_docs where doc_name = $1 for update', [docName])
      const rows = await tx.query<{ seq: string | number; data: Uint8Array }>(
        'select seq, data from collab_updates where doc_name = $1 order by seq',
        [docName],
      )
      const top = rows.at(-1)
      if (rows.length < 2 || !top) return
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => bytes(r.data))))
      const merged = Y.encodeStateAsUpdate(doc)
      doc.destroy()
      await tx.query('delete from collab_updates where doc_name = $1 and seq <= $2', [docName, top.seq])
      await tx.query('insert into collab_updates (doc_name, seq, data) values ($1, $2, $3)', [
        docName,
        top.seq,
        Buffer.from(merged),
      ])
      // Rows appended concurrently by another process after `top` still count toward the next compaction.
      await tx.query(
        `update collab_docs set rows_since_compaction = 1 + (select count(*) from collab_updates where doc_name = $1 and seq > $2),
         bytes_since_compaction = $3 where doc_name = $1`,
        [docName, top.seq, merged.byteLength],
      )
    })
    // No flush of its own: the compaction is one transaction, either state is whole, and the next
    // batch's flush covers it.
    this.stats.compactions++
  }
}

async function advanceHeads(
  tx: Sql,
  rows: readonly { name: string; data: Uint8Array }[],
): Promise<Map<string, { seq: number; rows: number; bytes: number }>> {
  const params: unknown[] = []
  const values = rows.map((r) => {
    params.push(r.name, r.data.byteLength)
    return `($${params.length - 1}, 1, 1, $${params.length}::bigint)`
  })
  const heads = await tx.query<{ doc_name: string; seq: string | number; rows: number; bytes: string | number }>(
    `insert into collab_docs as d (doc_name, seq, rows_since_compaction, bytes_since_compaction)
     values ${values.join(', ')}
     on conflict (doc_name) do update set
       seq = d.seq + 1,
       rows_since_compaction = d.rows_since_compaction + 1,
       bytes_since_compaction = d.bytes_since_compaction + excluded.bytes_since_compaction,
       updated_at = now()
     returning doc_name, seq, rows_since_compaction as rows, bytes_since_compaction as bytes`,
    params,
  )
  return new Map(heads.map((h) => [h.doc_name, { seq: Number(h.seq), rows: Number(h.rows), bytes: Number(h.bytes) }]))
}

async function insertRows(tx: Sql, rows: readonly [string, number, Uint8Array][]): Promise<void> {
  const params: unknown[] = []
  const values = rows.map(([name, seq, data]) => {
    params.push(name, seq, Buffer.from(data.buffer, data.byteOffset, data.byteLength))
    const n = params.length
    return `($${n - 2}, $${n - 1}, $${n})`
  })
  await tx.query(`insert into collab_updates (doc_name, seq, data) values ${values.join(', ')}`, params)
}

async function writeRemovals(tx: Sql, docName: string, r: RemovalChanges): Promise<void> {
  for (const c of r.clear) {
    if (c.field === null)
      await tx.query('delete from collab_foreign_removals where doc_name = $1 and line_id = $2', [docName, c.lineId])
    else
      await tx.query('delete from collab_foreign_removals where doc_name = $1 and line_id = $2 and field = $3', [
        docName,
        c.lineId,
        c.field,
      ])
  }
  for (const x of r.record) {
    await tx.query(
      `insert into collab_foreign_removals (doc_name, line_id, field, author, removed_by) values ($1, $2, $3, $4, $5)
       on conflict (doc_name, line_id, field) do update set author = excluded.author, removed_by = excluded.removed_by`,
      [docName, x.lineId, x.field, x.author, x.removedBy],
    )
  }
}

/** pg answers bytea as a Buffer (often a slice of a pooled one), PGlite as a Uint8Array. */
function bytes(v: Uint8Array): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
}
