/**
 * The embedded database's own thread: PGlite runs here, and the BFF's main thread sends it SQL (see
 * `openPglite` with `thread: true`). Postgres in WASM is about half the CPU of a webhook; on its own thread
 * it runs beside the HTTP parsing, signature checks and mapping instead of between them.
 *
 * Messages in: `query` (optionally inside a transaction), `run` a procedure, `begin`/`end` of a transaction, `listen`/`unlisten`,
 * `close`. Every message with an `id` gets one reply `{ id, ok, value }` or `{ id, ok: false, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { callHere } from './database'
import { pgliteSql } from './pglite'

export type ThreadRequest =
  | { id: number; op: 'query'; text: string; params?: readonly unknown[]; tx?: number }
  | { id: number; op: 'run'; module: string; name: string; input: unknown }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'unlisten'; sub: number }
  | { id: number; op: 'close' }

export type ThreadMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError }
  | { notify: number; payload: string }

/** An error as it crosses threads: the message and Postgres's fields (code, constraint, detail, …). */
export interface SerializedError {
  name: string
  message: string
  fields: Record<string, unknown>
}

export interface ThreadOptions {
  /** PGlite's data directory; `undefined` keeps the database in memory. */
  dataDir?: string
}

const ROLLBACK = Symbol('rollback')

interface OpenTx {
  tx: Transaction
  release: (commit: boolean) => void
  done: Promise<unknown>
}

async function main(port: NonNullable<typeof parentPort>, options: ThreadOptions) {
  const pg = await PGlite.create(options.dataDir ?? 'memory://', { extensions: { btree_gist } })
  const txs = new Map<number, OpenTx>()
  const subs = new Map<number, () => Promise<void>>()
  let next = 1

  async function handle(m: ThreadRequest): Promise<unknown> {
    switch (m.op) {
      case 'query': {
        const conn = m.tx === undefined ? pg : txs.get(m.tx)?.tx
        if (!conn) throw new Error(`transaction ${m.tx} is not open`)
        return (await conn.query(m.text, m.params as unknown[] | undefined)).rows
      }
      case 'run':
        return pg.transaction((tx) => callHere({ module: m.module, name: m.name }, pgliteSql(tx), m.input))
      case 'begin': {
        const id = next++
        let release!: (commit: boolean) => void
        const gate = new Promise<boolean>((r) => {
          release = r
        })
        let entered!: () => void
        const open = new Promise<void>((r) => {
          entered = r
        })
        const done = pg.transaction(async (tx) => {
          txs.set(id, { tx, release, done })
          entered()
          if (!(await gate)) throw ROLLBACK
        })
        // BEGIN itself may fail; then `done` rejects before the callback ran.
        await Promise.race([open, done])
        return id
      }
      case 'end': {
        const t = txs.get(m.tx)
        if (!t) throw new Error(`transaction ${m.tx} is not open`)
        txs.delete(m.tx)
        t.release(m.commit)
        try {
          await t.done
        } catch (error) {
          if (error !== ROLLBACK) throw error
        }
        return null
      }
      case 'listen': {
        const sub = next++
        subs.set(
          sub,
          await pg.listen(m.channel, (payload) => port.postMessage({ notify: sub, payload } satisfies ThreadMessage)),
        )
        return sub
      }
      case 'unlisten': {
        await subs.get(m.sub)?.()
        subs.delete(m.sub)
        return null
      }
      case 'close':
        await pg.close()
        return null
    }
  }

  port.on('message', (m: ThreadRequest) => {
    handle(m).then(
      (value) => port.postMessage({ id: m.id, ok: true, value } satisfies ThreadMessage),
      (error: unknown) => port.postMessage({ id: m.id, ok: false, error: serialize(error) } satisfies ThreadMessage),
    )
  })
  port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies ThreadMessage)
}

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} }
  const fields: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(error)) {
    if (v === undefined || typeof v === 'function') continue
    if (typeof v !== 'object' || v === null) fields[k] = v
  }
  return { name: error.name, message: error.message, fields }
}

if (parentPort) {
  const port = parentPort
  main(port, workerData as ThreadOptions).catch((error: unknown) => {
    port.postMessage({ id: 0, ok: false, error: serialize(error) } satisfies ThreadMessage)
  })
}
