import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { type DocRef, parseDocName } from '@xiaodian/shared'
import type { Database } from '../db/database'
import { AppError } from '../http/errors'
import { COLLAB_CHANNEL, CollabStore } from './collab-store'
import { CollabRoom } from './room'

/** The NOTIFY channel carrying presence (awareness) between processes: `<process> <docName> <base64>`. */
export const AWARENESS_CHANNEL = 'xd_collab_aw'
/** NOTIFY payloads are limited to 8000 bytes; larger presence updates stay local. */
const MAX_AWARENESS_PAYLOAD = 7500
/** How long a room stays in memory after its last connection left (boards longer: the menu reads them). */
export const ROOM_IDLE_MS = 30_000
export const BOARD_IDLE_MS = 10 * 60_000

/**
 * The rooms of this process: loaded on first use, unloaded when idle, and kept current with the other
 * BFF processes through the NOTIFY channel (the payload names the document; the rows are read from the
 * table, so no update ever travels in a NOTIFY and its 8000-byte limit never matters). Presence is
 * ephemeral and small, so it does travel in its own NOTIFY channel, when it fits.
 */
export class CollabHub {
  readonly store: CollabStore
  readonly #db: Database
  readonly #log: Logger
  readonly #rooms = new Map<string, Promise<CollabRoom>>()
  readonly #loaded = new Map<string, CollabRoom>()
  readonly #holds = new Map<string, number>()
  readonly #timers = new Map<string, NodeJS.Timeout>()
  readonly #created = new Set<(room: CollabRoom) => void>()
  #unlisten: (() => Promise<void>)[] = []
  /** Tells this process's presence NOTIFYs from the others'. */
  readonly #tag = randomBytes(6).toString('hex')

  constructor(db: Database, log: Logger) {
    this.#db = db
    this.#log = log
    this.store = new CollabStore(db, log)
  }

  /** Subscribes to other processes' writes (PostgreSQL only; PGlite has one process). */
  async start(): Promise<void> {
    if (this.#db.kind !== 'postgres') return
    this.#unlisten.push(await this.#db.listen(COLLAB_CHANNEL, (payload) => this.#onNotify(payload)))
    this.#unlisten.push(await this.#db.listen(AWARENESS_CHANNEL, (payload) => this.#onPresence(payload)))
  }

  /** Runs `fn` on every room as it is created (cart rooms get their write guards this way). */
  onCreate(fn: (room: CollabRoom) => void): void {
    this.#created.add(fn)
  }

  /** The room of a document, loading it from storage when it is not in memory. */
  room(name: string): Promise<CollabRoom> {
    const ref = parseDocName(name)
    if (!ref) return Promise.reject(new AppError('BAD_REQUEST', 'unknown document name'))
    // Restart the idle grace: a connection being opened joins within it; one that never opens is unloaded.
    const loaded = this.#loaded.get(name)
    if (loaded) this.#idle(loaded)
    let p = this.#rooms.get(name)
    if (!p) {
      p = this.#load(name, ref)
      this.#rooms.set(name, p)
      p.catch(() => this.#rooms.delete(name))
    }
    return p
  }

  /** Runs `fn` with the room held in memory (it is not unloaded while `fn` runs). */
  async use<T>(name: string, fn: (room: CollabRoom) => Promise<T> | T): Promise<T> {
    this.#holds.set(name, (this.#holds.get(name) ?? 0) + 1)
    try {
      return await fn(await this.room(name))
    } finally {
      const n = (this.#holds.get(name) ?? 1) - 1
      if (n > 0) this.#holds.set(name, n)
      else {
        this.#holds.delete(name)
        const room = this.#loaded.get(name)
        if (room && room.connections === 0) this.#idle(room)
      }
    }
  }

  /** Rooms in memory, for tests and benchmarks. */
  get size(): number {
    return this.#loaded.size
  }

  /** Unloads a document and closes its connections (an expired cart). */
  evict(name: string, code: number, reason: string): void {
    const room = this.#loaded.get(name)
    this.#forget(name)
    room?.destroy(code, reason)
  }

  /** Stops listening, waits for pending writes and closes every connection. */
  async close(): Promise<void> {
    for (const stop of this.#unlisten.splice(0)) await stop()
    await this.store.settled()
    for (const name of [...this.#loaded.keys()]) this.evict(name, 1001, 'server shutting down')
  }

  async #load(name: string, ref: DocRef): Promise<CollabRoom> {
    const [stored, bindings] = await Promise.all([
      this.store.load(name),
      ref.kind === 'cart' ? this.store.bindings(name) : Promise.resolve(undefined),
    ])
    const room = new CollabRoom({
      name,
      ref,
      store: this.store,
      log: this.#log,
      stored,
      ...(bindings ? { bindings } : {}),
    })
    room.watch(
      (r) => this.#idle(r),
      (r) => this.#forget(r.name),
    )
    if (this.#db.kind === 'postgres') {
      room.onLocalAwareness = (update) => {
        const payload = `${this.#tag} ${name} ${Buffer.from(update).toString('base64')}`
        if (payload.length <= MAX_AWARENESS_PAYLOAD) this.#db.notify(AWARENESS_CHANNEL, payload).catch(() => {})
      }
    }
    for (const fn of this.#created) fn(room)
    this.#loaded.set(name, room)
    this.#idle(room)
    return room
  }

  #idle(room: CollabRoom): void {
    if (room.connections > 0 || this.#holds.has(room.name) || this.#loaded.get(room.name) !== room) return
    clearTimeout(this.#timers.get(room.name))
    const ms = room.ref.kind === 'board' ? BOARD_IDLE_MS : ROOM_IDLE_MS
    const timer = setTimeout(() => {
      this.#timers.delete(room.name)
      if (room.connections > 0 || this.#holds.has(room.name)) return
      void room.persisted().then(() => {
        if (room.connections > 0 || this.#holds.has(room.name) || this.#loaded.get(room.name) !== room) return
        this.#forget(room.name)
        room.destroy()
      })
    }, ms)
    timer.unref()
    this.#timers.set(room.name, timer)
  }

  #forget(name: string): void {
    clearTimeout(this.#timers.get(name))
    this.#timers.delete(name)
    this.#rooms.delete(name)
    this.#loaded.delete(name)
  }

  #onPresence(payload: string): void {
    const [tag, name, data] = payload.split(' ')
    if (tag === this.#tag || !name || !data) return
    this.#loaded.get(name)?.applyRemoteAwareness(new Uint8Array(Buffer.from(data, 'base64')))
  }

  #onNotify(payload: string): void {
    const space = payload.indexOf(' ')
    const seq = Number(payload.slice(0, space))
    const room = this.#loaded.get(payload.slice(space + 1))
    if (!room || room.destroyed || seq <= room.lastSeq) return
    room.pull().catch((err: unknown) => this.#log.warn({ err, doc: room.name }, 'collab pull failed'))
  }
}
