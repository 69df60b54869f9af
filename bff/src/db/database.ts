/**
 * The storage seam. One interface over PGlite (embedded, the default) and a PostgreSQL server, with
 * the same SQL on both. Everything above this file speaks Postgres SQL through `query` and `transaction`.
 */

/** A connection that can run SQL: the database itself or an open transaction. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>
}

export type DbKind = 'pglite' | 'postgres'

export interface Database extends Sql {
  readonly kind: DbKind
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>
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
