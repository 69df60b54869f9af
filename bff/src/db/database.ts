/**
 * The storage seam. One interface over PGlite (embedded, the default) and a PostgreSQL server, with
 * the same SQL on both. Everything above this file speaks Postgres SQL through `query` and `transaction`.
 */

/** A connection that can run SQL: the database itself or an open transaction. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>
}

export type DbKind = 'pglite' | 'postgres'

/**
 * A function that runs in one transaction next to the database: `export async function name(tx, input)` in
 * the module at `module` (a file URL). On the embedded database's own thread it runs on that thread, so
 * a procedure of several statements with JavaScript between them costs no hop between threads per
 * statement; elsewhere it runs here. Its input and output must survive structured cloning, and the module
 * must keep no state of its own (the thread has its own copy).
 */
export interface Procedure<I, O> {
  readonly module: string
  readonly name: string
  /** Only for typing; never set. */
  readonly types?: (input: I) => O
}

/** Calls `procedure` in `tx` (where it runs in this thread). */
export async function callHere<I, O>(procedure: Procedure<I, O>, tx: Sql, input: I): Promise<O> {
  const mod = (await import(procedure.module)) as Record<string, (tx: Sql, input: I) => Promise<O>>
  const fn = mod[procedure.name]
  if (typeof fn !== 'function') throw new Error(`${procedure.module} has no procedure ${procedure.name}`)
  return fn(tx, input)
}

export interface Database extends Sql {
  readonly kind: DbKind
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>
  /** Runs a procedure in one transaction next to the database (see `Procedure`). */
  run<I, O>(procedure: Procedure<I, O>, input: I): Promise<O>
  /** Subscribes to a Postgres NOTIFY channel; returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  /** Sends a NOTIFY on `channel` (outside any transaction). */
  notify(channel: string, payload: string): Promise<void>
  /**
   * Makes every commit so far durable on stable storage. A no-op where the server already flushes at
   * commit (PostgreSQL with synchronous_commit=on); on PGlite it flushes the WAL files to disk.
   */
  flush(): Promise<void>
  close(): Promise<void>
}
