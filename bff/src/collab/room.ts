import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { COLLAB_CLOSE, type DocRef } from '@xiaodian/shared'
import { CartTracker } from './cart-tracker'
import type { CollabStore } from './collab-store'
import { awarenessMessage, readMessage, step1Message, step2Message, updateMessage } from './protocol'

/** One client connection to a room, as the transport exposes it. */
export interface CollabConn {
  /** Who is connected: a consumer's openid, or `staff:<storeId>:<name>`. */
  readonly principal: string
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}

interface ConnState {
  /** Awareness client ids this connection controls, removed when it leaves. */
  awarenessIds: Set<number>
  queue: Promise<void>
}

/** Origins of transactions that are not a client's: loading from storage, another process, the server. */
const LOAD = Symbol('load')
const REMOTE = Symbol('remote')
/** Awareness states removed because their connection left (relayed to other processes). */
const LEAVE = Symbol('leave')
/** The origin of the server's own writes (cart meta and members). */
export const SERVER = Symbol('server')

/**
 * One live document: the Y.Doc, its awareness and its connections. An update from a client is checked
 * (carts: structs of client ids bound to another member are cut out), applied, stored, and only once
 * committed relayed to the other connections, so a restart can never lose something a client has seen.
 * Updates that another process stored arrive through `pull()`.
 */
export class CollabRoom {
  readonly name: string
  readonly ref: DocRef
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  /** Set for cart documents: who wrote which line. */
  readonly tracker: CartTracker | undefined
  /** The newest stored sequence number this room has applied (its own and other processes'). */
  lastSeq: number
  destroyed = false
  readonly #store: CollabStore
  readonly #log: Logger
  readonly #conns = new Map<CollabConn, ConnState>()
  #persisted: Promise<void> = Promise.resolve()
  #pulling: Promise<void> | undefined
  #pullAgain = false
  #onIdle: (room: CollabRoom) => void = () => {}
  /** Set on PostgreSQL: awareness changes of this process's connections, for the other processes. */
  onLocalAwareness: ((update: Uint8Array) => void) | undefined
  #onBroken: (room: CollabRoom) => void = () => {}

  constructor(opts: {
    name: string
    ref: DocRef
    store: CollabStore
    log: Logger
    stored: { update: Uint8Array | undefined; seq: number }
    bindings?: Map<number, string>
  }) {
    this.name = opts.name
    this.ref = opts.ref
    this.#store = opts.store
    this.#log = opts.log
    this.lastSeq = opts.stored.seq
    this.doc = new Y.Doc()
    this.tracker =
      opts.ref.kind === 'cart'
        ? new CartTracker(this.doc, opts.name, opts.store, opts.bindings ?? new Map(), (o) => this.#isConn(o))
        : undefined
    if (opts.stored.update) Y.applyUpdate(this.doc, opts.stored.update, LOAD)
    this.tracker?.indexAuthors()
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onAwareness)
    this.doc.on('update', this.#onUpdate)
  }

  /** Called when the last connection left, and when a write could not be stored. */
  watch(onIdle: (room: CollabRoom) => void, onBroken: (room: CollabRoom) => void): void {
    this.#onIdle = onIdle
    this.#onBroken = onBroken
  }

  get connections(): number {
    return this.#conns.size
  }

  /** Adds a connection and starts the sync: the server's SyncStep1, then the current awareness. */
  join(conn: CollabConn): void {
    if (this.destroyed) {
      conn.close(COLLAB_CLOSE.TRY_AGAIN, 'document reloading; reconnect')
      return
    }
    this.#conns.set(conn, { awarenessIds: new Set(), queue: Promise.resolve() })
    conn.send(step1Message(this.doc))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) conn.send(awarenessMessage(this.awareness, states))
  }

  /** Removes a connection and the awareness states it controlled. */
  leave(conn: CollabConn): void {
    const st = this.#conns.get(conn)
    if (!st) return
    this.#conns.delete(conn)
    awarenessProtocol.removeAwarenessStates(this.awareness, [...st.awarenessIds], LEAVE)
    if (this.#conns.size === 0) this.#onIdle(this)
  }

  /** Handles one binary message; messages of one connection are handled in order. */
  receive(conn: CollabConn, data: Uint8Array): void {
    const st = this.#conns.get(conn)
    if (!st) return
    st.queue = st.queue
      .then(() => this.#handle(conn, data))
      .catch((err: unknown) => {
        this.#log.warn({ err, doc: this.name }, 'collab message refused')
        conn.close(COLLAB_CLOSE.FORBIDDEN, 'malformed message')
      })
  }

  /** Applies a change made by the server itself (stored and relayed like any other). */
  async serverWrite(fn: (doc: Y.Doc) => void): Promise<void> {
    await this.tracker?.bindServer()
    this.doc.transact(() => fn(this.doc), SERVER)
    await this.#persisted
  }

  /** Resolves once every update applied so far is stored and relayed. */
  persisted(): Promise<void> {
    return this.#persisted
  }

  /** Applies the rows other processes stored after `lastSeq` (never two pulls at once). */
  pull(): Promise<void> {
    if (this.#pulling) {
      this.#pullAgain = true
      return this.#pulling
    }
    this.#pulling = (async () => {
      do {
        this.#pullAgain = false
        const rows = await this.#store.since(this.name, this.lastSeq)
        if (rows.length === 0 || this.destroyed) continue
        this.doc.transact(() => {
          for (const r of rows) Y.applyUpdate(this.doc, r.data, REMOTE)
        }, REMOTE)
        this.lastSeq = Math.max(this.lastSeq, rows.at(-1)!.seq)
        if (this.tracker) await this.tracker.refreshBindings()
      } while (this.#pullAgain)
    })().finally(() => {
      this.#pulling = undefined
    })
    return this.#pulling
  }

  /** Closes every connection and frees the document. */
  destroy(code: number = COLLAB_CLOSE.TRY_AGAIN, reason = 'document unloaded; reconnect'): void {
    if (this.destroyed) return
    this.destroyed = true
    for (const conn of [...this.#conns.keys()]) conn.close(code, reason)
    this.#conns.clear()
    this.awareness.destroy()
    this.doc.destroy()
  }

  async #handle(conn: CollabConn, data: Uint8Array): Promise<void> {
    const msg = readMessage(data)
    switch (msg.type) {
      case 'step1':
        // Answer from committed state only: what is still being written is relayed once it is committed.
        await this.#persisted
        if (this.#conns.has(conn)) conn.send(step2Message(this.doc, msg.stateVector))
        return
      case 'update': {
        let update = msg.update
        if (this.tracker) {
          const admitted = await this.tracker.admit(conn.principal, update)
          if (admitted.foreign.length > 0)
            this.#log.warn({ doc: this.name, clients: admitted.foreign }, 'collab structs of another member dropped')
          update = admitted.update
        }
        if (!this.#conns.has(conn) || this.destroyed) return
        Y.applyUpdate(this.doc, update, conn)
        if (this.tracker?.takeForbidden(conn)) {
          await this.tracker.onForbiddenWrite?.(this)
          conn.close(COLLAB_CLOSE.FORBIDDEN, 'meta and members are written by the server')
        }
        return
      }
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, msg.update, conn)
        return
      case 'queryAwareness':
        conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]))
        return
      case 'ignored':
        return
    }
  }

  readonly #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD) return
    const message = updateMessage(update)
    if (origin === REMOTE) {
      this.#broadcast(message, undefined)
      return
    }
    const from = this.#isConn(origin) ? (origin as CollabConn) : undefined
    const written = this.#store.append(this.name, update, this.tracker?.takeRemovals())
    this.#persisted = written.then(
      (seq) => {
        if (this.destroyed) return
        this.#advance(seq)
        this.#broadcast(message, from)
      },
      (err: unknown) => {
        // The document now holds something storage does not: drop it and let clients resend on reconnect.
        this.#log.error({ err, doc: this.name }, 'collab update not stored; reloading the document')
        this.#onBroken(this)
        this.destroy(COLLAB_CLOSE.TRY_AGAIN, 'storage unavailable; reconnect')
      },
    )
  }

  readonly #onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const st = this.#isConn(origin) ? this.#conns.get(origin as CollabConn) : undefined
    if (st) {
      for (const id of [...added, ...updated]) st.awarenessIds.add(id)
      for (const id of removed) st.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    // Echoed to the sender too: y-websocket counts its own renewals as signs the connection is alive.
    this.#broadcast(awarenessMessage(this.awareness, changed), undefined)
    if (this.onLocalAwareness && (st || origin === LEAVE))
      this.onLocalAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
  }

  /** Applies presence relayed from another process (not relayed again). */
  applyRemoteAwareness(update: Uint8Array): void {
    if (!this.destroyed) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
  }

  #advance(seq: number): void {
    if (seq === this.lastSeq + 1) this.lastSeq = seq
    // Another process appended in between: fetch its rows (ours come back too, and change nothing).
    else if (seq > this.lastSeq) void this.pull().catch(() => {})
  }

  #broadcast(message: Uint8Array, except: CollabConn | undefined): void {
    for (const conn of this.#conns.keys()) if (conn !== except) conn.send(message)
  }

  #isConn(origin: unknown): boolean {
    return typeof origin === 'object' && origin !== null && this.#conns.has(origin as CollabConn)
  }
}
