import * as Y from 'yjs'
import { CART_MAPS } from '@xiaodian/shared'
import type { CollabStore, ForeignRemoval, RemovalChanges } from './collab-store'

/** The principal the server's own Yjs client ids are bound to. */
export const SERVER_PRINCIPAL = 'server'

/** Something that wrote a line: a member (openid) or `server`; `undefined` when no one is bound. */
export interface LineWrite {
  lineId: string
  /** `''` for the line itself (the `lines` entry), else the line's key. */
  field: string
  author: string | undefined
  writer: string | undefined
}

/**
 * Who wrote what in a cart document. Yjs keeps, for the value of every map key, the client id that
 * wrote it, and resolves concurrent writes the same way on every replica; so the last writer of each
 * line key is known exactly once client ids are tied to members. A client id is bound to the member
 * whose connection first sends structs of it; structs of another member's client id are cut out of an
 * update before it is applied. Deletes carry no client id, so removals by a non-author
 * are recorded from the connection that sent them (with the update, in the same transaction).
 */
export class CartTracker {
  readonly #doc: Y.Doc
  readonly #name: string
  readonly #store: CollabStore
  readonly #bindings: Map<number, string>
  readonly #isConn: (origin: unknown) => boolean
  /** Line id → author, as of the end of the last transaction (to attribute removals). */
  readonly #authors = new Map<string, string>()
  #removals: RemovalChanges = { record: [], clear: [] }
  readonly #forbidden = new Set<unknown>()
  #serverBound = false
  /** Called after a client wrote server-owned state: the server writes it again. */
  onForbiddenWrite: ((room: unknown) => Promise<void>) | undefined

  constructor(
    doc: Y.Doc,
    name: string,
    store: CollabStore,
    bindings: Map<number, string>,
    isConn: (origin: unknown) => boolean,
  ) {
    this.#doc = doc
    this.#name = name
    this.#store = store
    this.#bindings = bindings
    this.#isConn = isConn
    doc.getMap(CART_MAPS.lines).observeDeep(this.#onLines)
    for (const key of [CART_MAPS.meta, CART_MAPS.members]) {
      doc.getMap(key).observe((_e, tr) => {
        if (this.#isConn(tr.origin)) this.#forbidden.add(tr.origin)
      })
    }
  }

  /** Builds the author index from the loaded document. */
  indexAuthors(): void {
    for (const [lineId, v] of this.#doc.getMap(CART_MAPS.lines)) this.#index(lineId, v)
  }

  /**
   * The part of an update its sender may make: structs of client ids bound to someone else are cut out
   * (`foreign` lists those ids). A forged write never lands; a client that legitimately holds another
   * member's structs the server lost (relayed just before a power cut) loses nothing, since their owner
   * sends them again on reconnect.
   */
  async admit(principal: string, update: Uint8Array): Promise<{ update: Uint8Array; foreign: number[] }> {
    const { to } = Y.parseUpdateMeta(update)
    const fresh: number[] = []
    for (const [client, clock] of to) if (clock > Y.getState(this.#doc.store, client)) fresh.push(client)
    const unknown = fresh.filter((c) => !this.#bindings.has(c))
    if (unknown.length > 0) {
      for (const [client, owner] of await this.#store.bind(this.#name, unknown, principal))
        this.#bindings.set(client, owner)
    }
    const foreign = fresh.filter((c) => this.#bindings.get(c) !== principal)
    if (foreign.length === 0) return { update, foreign }
    // A state vector that claims every foreign struct is known makes diffUpdate drop them all.
    const sv = new Map(foreign.map((c) => [c, 0x7fffffff]))
    return { update: Y.diffUpdate(update, Y.encodeStateVector(sv)), foreign }
  }

  /** Binds this process's own client id before the server writes. */
  async bindServer(): Promise<void> {
    if (this.#serverBound) return
    const owners = await this.#store.bind(this.#name, [this.#doc.clientID], SERVER_PRINCIPAL)
    const owner = owners.get(this.#doc.clientID)
    if (owner !== SERVER_PRINCIPAL) throw new Error('server client id already taken')
    this.#bindings.set(this.#doc.clientID, owner)
    this.#serverBound = true
  }

  /** Reloads bindings made by other processes. */
  async refreshBindings(): Promise<void> {
    for (const [c, p] of await this.#store.bindings(this.#name)) this.#bindings.set(c, p)
  }

  /** Whether `conn` wrote server-owned state (meta, members) since the last call. */
  takeForbidden(conn: unknown): boolean {
    return this.#forbidden.delete(conn)
  }

  /** Removal bookkeeping of the transaction that just ended, to store with its update. */
  takeRemovals(): RemovalChanges | undefined {
    const r = this.#removals
    if (r.record.length === 0 && r.clear.length === 0) return undefined
    this.#removals = { record: [], clear: [] }
    return r
  }

  /**
   * Every line key present, with its author and its last writer; plus standing removals by non-authors.
   * The caller decides (a lock refuses any write whose writer is not the line's author).
   */
  writes(): { lines: LineWrite[] } {
    const out: LineWrite[] = []
    const lines = this.#doc.getMap(CART_MAPS.lines)
    for (const [lineId, item] of lines._map) {
      if (item.deleted) continue
      const value = item.content.getContent()[0]
      const author = value instanceof Y.Map ? value.get('author') : undefined
      const who = typeof author === 'string' ? author : undefined
      out.push({ lineId, field: '', author: who, writer: this.#bindings.get(item.id.client) })
      if (!(value instanceof Y.Map)) continue
      for (const [field, f] of value._map) {
        if (!f.deleted) out.push({ lineId, field, author: who, writer: this.#bindings.get(f.id.client) })
      }
    }
    return { lines: out }
  }

  /**
   * Removals by non-authors that still stand: the removed line (or key) is absent now. A line written
   * again after its removal is judged by who wrote it, like any other.
   */
  async foreignRemovals(): Promise<ForeignRemoval[]> {
    const lines = this.#doc.getMap(CART_MAPS.lines)
    return (await this.#store.foreignRemovals(this.#name)).filter((r) => {
      const line = lines.get(r.lineId)
      if (r.field === '') return line === undefined
      return line instanceof Y.Map && !line.has(r.field)
    })
  }

  readonly #onLines = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
    const lines = this.#doc.getMap(CART_MAPS.lines)
    const by = this.#isConn(tr.origin) ? (tr.origin as { principal: string }).principal : undefined
    const touched = new Set<string>()
    for (const ev of events) {
      const lineId = ev.target === lines ? undefined : lineIdOf(ev.target, lines)
      if (ev.target !== lines && lineId === undefined) continue
      for (const [key, change] of ev.changes.keys) {
        const line = lineId ?? key
        touched.add(line)
        if (by === undefined) continue
        const field = lineId === undefined ? '' : key
        if (change.action !== 'delete') continue
        const author = this.#authors.get(line)
        // Sets need no bookkeeping (Yjs records their writer); a removal is noted, or cleared when the
        // author removes it themselves, so an earlier foreign removal of it no longer counts.
        if (author !== undefined && author !== by)
          this.#removals.record.push({ lineId: line, field, author, removedBy: by })
        else this.#removals.clear.push({ lineId: line, field: field === '' ? null : field })
      }
    }
    for (const lineId of touched) this.#index(lineId, lines.get(lineId))
  }

  #index(lineId: string, value: unknown): void {
    const author = value instanceof Y.Map ? value.get('author') : undefined
    if (typeof author === 'string') this.#authors.set(lineId, author)
    else this.#authors.delete(lineId)
  }
}

/** The `lines` key of a line map (a direct child of `lines`), else undefined. */
function lineIdOf(target: Y.AbstractType<unknown>, lines: Y.Map<unknown>): string | undefined {
  const item = target._item
  return item && item.parent === lines && typeof item.parentSub === 'string' ? item.parentSub : undefined
}
