import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { callHere, type Database, type Sql } from './database'
import type { ThreadMessage, ThreadOptions, ThreadRequest } from './pglite-thread'
import { WalFlusher } from './wal-flusher'

/** Options for the embedded database. */
export interface PgliteOptions {
  /** Data directory on disk; `undefined` keeps the database in memory (tests). */
  dataDir?: string
  /** Flush the WAL to stable storage before `flush()` resolves. */
  durable: boolean
  /** Run Postgres on a thread of its own (see `pglite-thread.ts`); the BFF process does, tests mostly not. */
  thread?: boolean
}

/** PGlite or one of its transactions as `Sql` (rows only). */
export function pgliteSql(conn: { query: PGlite['query'] }): Sql {
  return {
    async query<T>(text: string, params?: readonly unknown[]) {
      return (await conn.query<T>(text, params as unknown[] | undefined)).rows
    },
  }
}

/** Opens PGlite (Postgres in WASM) in this process. */
export async function openPglite(options: PgliteOptions): Promise<Database> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {}
  if (options.thread) {
    try {
      return await openThread(options, unlock)
    } catch (error) {
      unlock()
      throw error
    }
  }
  const pg = await PGlite.create(options.dataDir ?? 'memory://', { extensions: { btree_gist } })
  const flusher = options.dataDir && options.durable ? new WalFlusher(options.dataDir) : undefined
  const base = pgliteSql(pg)
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(pgliteSql(tx))),
    run: (procedure, input) => pg.transaction((tx) => callHere(procedure, pgliteSql(tx), input)),
    async listen(channel, onPayload) {
      const unsub = await pg.listen(channel, onPayload)
      return async () => unsub()
    },
    async notify(channel, payload) {
      await pg.query('select pg_notify($1, $2)', [channel, payload])
    },
    flush: async () => flusher?.flush(),
    async close() {
      await pg.close()
      unlock()
    },
  }
}

type Request = ThreadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

/** PGlite on its own thread, behind the same `Database` interface; the WAL is flushed from this thread. */
async function openThread(options: PgliteOptions, unlock: () => void): Promise<Database> {
  const workerData: ThreadOptions = options.dataDir ? { dataDir: options.dataDir } : {}
  const worker = new Worker(new URL('./pglite-thread-boot.mjs', import.meta.url), { workerData })
  let started = false
  let closing = false
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>()
  const listeners = new Map<number, (payload: string) => void>()
  let next = 1
  let dead: Error | undefined
  const ready = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }))
  worker.on('message', (m: ThreadMessage) => {
    if ('notify' in m) return listeners.get(m.notify)?.(m.payload)
    const p = pending.get(m.id)
    pending.delete(m.id)
    if (!p) return
    if (m.ok) p.resolve(m.value)
    else p.reject(Object.assign(new Error(m.error.message), m.error.fields, { name: m.error.name }))
  })
  const fail = (error: Error) => {
    dead = error
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  worker.on('error', fail)
  worker.on('exit', (code) => {
    fail(new Error(`the database thread exited (${code})`))
    // Before it started, the caller gets the error from `openPglite`.
    if (closing || !started) return
    // Postgres died with the thread (a WASM abort, out of memory): nothing here can be served or stored
    // any more. Exit, so the supervisor restarts the BFF; the WAL on disk brings every commit back.
    process.stderr.write(`xiaodian: the embedded database thread exited (${code}); stopping\n`)
    process.exit(70)
  })
  const call = <T>(req: Request): Promise<T> => {
    if (dead) return Promise.reject(dead)
    const id = next++
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      worker.postMessage({ ...req, id } as ThreadRequest)
    })
  }
  try {
    await ready
  } catch (error) {
    await worker.terminate()
    throw error
  }
  started = true
  const flusher = options.dataDir && options.durable ? new WalFlusher(options.dataDir) : undefined
  const query: Sql['query'] = (text, params) => call({ op: 'query', text, ...(params ? { params } : {}) })
  return {
    kind: 'pglite',
    query,
    async transaction(fn) {
      const tx = await call<number>({ op: 'begin' })
      let result: Awaited<ReturnType<typeof fn>>
      try {
        result = await fn({ query: (text, params) => call({ op: 'query', text, tx, ...(params ? { params } : {}) }) })
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => {})
        throw error
      }
      await call({ op: 'end', tx, commit: true })
      return result
    },
    run: (procedure, input) => call({ op: 'run', module: procedure.module, name: procedure.name, input }),
    async listen(channel, onPayload) {
      const sub = await call<number>({ op: 'listen', channel })
      listeners.set(sub, onPayload)
      return async () => {
        listeners.delete(sub)
        await call({ op: 'unlisten', sub })
      }
    },
    async notify(channel, payload) {
      await query('select pg_notify($1, $2)', [channel, payload])
    },
    flush: async () => flusher?.flush(),
    async close() {
      closing = true
      await call({ op: 'close' }).catch(() => {})
      await worker.terminate()
      unlock()
    },
  }
}

/**
 * PGlite is Postgres for one process: a second process opening the same directory would corrupt it.
 * A lock file names the owner; a stale one (its process is gone, e.g. after a crash) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = path.join(dataDir, 'xiaodian.pid')
  mkdirSync(dataDir, { recursive: true })
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' })
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'))
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `data directory ${dataDir} is in use by process ${owner}; use DATABASE_URL to run several BFF processes`,
      )
    }
    writeFileSync(lock, String(process.pid))
  }
  return () => rmSync(lock, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
