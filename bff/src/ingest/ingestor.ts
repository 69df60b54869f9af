import type { Logger } from 'pino'
import type { Database } from '../db/database'
import { AppError } from '../http/errors'
import type { Applied, ApplyContext } from './apply'
import { APPLY_BATCH, batchInput } from './batch-procedure'
import type { ChannelCommand } from './command'

interface Pending {
  cmd: ChannelCommand
  resolve: (a: Applied) => void
  reject: (e: unknown) => void
  /** How many commands, starting with this one, form one all-or-nothing unit (see `submitAll`). */
  unit: number
}

/** Called after a batch is durable, with the events it appended per store, in sequence order. */
export type OnCommitted = (events: ReadonlyMap<string, { seq: number; json: string }[]>) => void

/**
 * The one ingest path. Every channel, the store API and the tablets' replication submit commands here.
 * Commands that arrive while a batch is being written wait and form the next batch: one transaction (a
 * bad command makes the batch replay one command per transaction), one commit, one WAL flush, then every
 * caller of the batch is answered (group commit); the next batch's transaction overlaps this one's flush.
 * A caller's promise resolves only once its event is committed and on disk; if the transaction or the
 * flush fails, every caller in it gets 503 and the platform retries (a redelivery is a duplicate).
 */
export class Ingestor {
  readonly #db: Database
  readonly #ctx: ApplyContext
  readonly #log: Logger
  readonly #onCommitted: OnCommitted
  readonly #maxBatch: number
  #queue: Pending[] = []
  #running = false
  #closed = false
  /** Committed batches waiting for their WAL flush before their callers are answered. */
  readonly #settling = new Set<Promise<void>>()
  /** Batches and commands written, for benchmarks. */
  readonly stats = { batches: 0, commands: 0 }

  constructor(db: Database, ctx: ApplyContext, log: Logger, onCommitted: OnCommitted, maxBatch = 256) {
    this.#db = db
    this.#ctx = ctx
    this.#log = log
    this.#onCommitted = onCommitted
    this.#maxBatch = maxBatch
  }

  /** Applies a batch in one transaction next to the database (see `batch-procedure.ts`). */
  #applyAll(batch: Pending[]): Promise<Applied[]> {
    const cmds = batch.map((p) => p.cmd)
    return this.#db.run(APPLY_BATCH, batchInput(cmds, this.#ctx, this.#db.kind === 'postgres'))
  }

  /** Ingests one command; resolves after commit (and, on PGlite, after the WAL reached the disk). */
  submit(cmd: ChannelCommand): Promise<Applied> {
    if (this.#closed) return Promise.reject(new AppError('UNAVAILABLE', 'shutting down; retry'))
    return new Promise((resolve, reject) => {
      this.#queue.push({ cmd, resolve, reject, unit: 1 })
      this.#schedule()
    })
  }

  /**
   * Ingests commands as one unit: they are written in the same batch (one transaction) and commit
   * together or not at all — if one is refused, none is applied and every promise rejects with its error.
   * A unit larger than the batch size forms a batch of its own.
   */
  submitAll(cmds: readonly ChannelCommand[]): Promise<Applied[]> {
    if (cmds.length === 0) return Promise.resolve([])
    if (this.#closed) return Promise.reject(new AppError('UNAVAILABLE', 'shutting down; retry'))
    const all = cmds.map(
      (cmd, i) =>
        new Promise<Applied>((resolve, reject) => {
          this.#queue.push({ cmd, resolve, reject, unit: i === 0 ? cmds.length : 0 })
        }),
    )
    this.#schedule()
    return Promise.all(all)
  }

  /** Stops taking commands and waits for the batch in flight. */
  async close(): Promise<void> {
    this.#closed = true
    while (this.#running) await new Promise((r) => setTimeout(r, 5))
    await Promise.all(this.#settling)
  }

  /**
   * Starts a batch on the next turn of the event loop, not inside the caller's: requests that arrived in
   * the same turn are parsed first and join the batch. PGlite answers through microtasks alone, so a batch
   * started synchronously would run before any other request could be read — batches of one.
   */
  #schedule(): void {
    if (this.#running) return
    this.#running = true
    setImmediate(() => void this.#drain())
  }

  async #drain(): Promise<void> {
    this.#running = true
    try {
      while (this.#queue.length > 0) {
        await this.#write(this.#queue.splice(0, this.#batchLength()))
        // Let the requests that arrived meanwhile be read before the next batch is cut.
        await new Promise((r) => setImmediate(r))
      }
    } finally {
      this.#running = false
    }
  }

  /** How many queued commands the next batch takes: up to the batch size, never splitting a unit. */
  #batchLength(): number {
    let n = 0
    while (n < this.#queue.length) {
      const unit = this.#queue[n]!.unit
      if (n > 0 && n + unit > this.#maxBatch) break
      n += unit
    }
    return n
  }

  /**
   * Commits a batch, then answers its callers once the WAL is flushed. The flush is not awaited here: the
   * next batch runs its transaction while this one's WAL goes to disk (its own flush, started after its
   * commit, covers it), and callers are still answered only after the flush that covers them, in batch order.
   */
  async #write(batch: Pending[]): Promise<void> {
    let results: (Applied | { error: unknown })[]
    try {
      results = await this.#commit(batch)
    } catch (error) {
      this.#unavailable(batch, error)
      return
    }
    const settled = this.#db.flush().then(
      () => this.#answer(batch, results),
      (error: unknown) => this.#unavailable(batch, error),
    )
    this.#settling.add(settled)
    void settled.finally(() => this.#settling.delete(settled))
  }

  /** Runs the batch's transaction; on failure replays it unit by unit, so only a bad unit fails. */
  async #commit(batch: Pending[]): Promise<(Applied | { error: unknown })[]> {
    try {
      return await this.#applyAll(batch)
    } catch (first) {
      // One bad command fails the whole transaction. That is rare, so rather than a savepoint per command
      // the batch is replayed one unit (a command, or a submitAll group) per transaction: only the bad
      // unit fails. When every unit fails, the storage itself is the problem: answer 503 to all.
      const results: (Applied | { error: unknown })[] = []
      let failed = 0
      for (let i = 0; i < batch.length; ) {
        const unit = batch.slice(i, i + Math.max(1, batch[i]!.unit))
        try {
          results.push(...(await this.#applyAll(unit)))
        } catch (error) {
          failed++
          for (const _ of unit) results.push({ error })
        }
        i += unit.length
      }
      if (failed > 0 && results.every((r) => 'error' in r)) throw first
      return results
    }
  }

  #unavailable(batch: Pending[], error: unknown): void {
    this.#log.error({ err: error, size: batch.length }, 'ingest batch failed')
    const unavailable = new AppError('UNAVAILABLE', 'storage unavailable; retry')
    for (const p of batch) p.reject(unavailable)
  }

  #answer(batch: Pending[], results: (Applied | { error: unknown })[]): void {
    this.stats.batches++
    this.stats.commands += batch.length
    const grown = new Map<string, { seq: number; json: string }[]>()
    for (const [i, p] of batch.entries()) {
      const r = results[i]!
      if ('error' in r) {
        this.#log.warn({ err: r.error, kind: p.cmd.kind }, 'ingest command refused')
        p.reject(r.error instanceof AppError ? r.error : new AppError('UNPROCESSABLE', 'command could not be applied'))
        continue
      }
      if (!r.duplicate && r.event) {
        const list = grown.get(r.storeId)
        if (list) list.push({ seq: r.seq, json: r.event })
        else grown.set(r.storeId, [{ seq: r.seq, json: r.event }])
      }
      p.resolve(r)
    }
    if (grown.size > 0) this.#onCommitted(grown)
  }
}
