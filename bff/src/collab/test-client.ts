import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE } from './protocol'
import type { CollabConn, CollabRoom } from './room'

/**
 * A Yjs client wired straight to a room (no socket), speaking the y-websocket protocol: for tests of
 * rooms, attribution and locks without a server. `online = false` holds its messages back.
 */
export class TestClient {
  readonly doc = new Y.Doc()
  readonly conn: CollabConn
  closed: { code: number; reason: string } | undefined
  #room: CollabRoom | undefined

  constructor(readonly principal: string) {
    this.conn = {
      principal,
      send: (m) => this.#fromServer(m),
      close: (code, reason) => {
        this.closed = { code, reason }
        this.#room?.leave(this.conn)
        this.#room = undefined
      },
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.#room) return
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, MESSAGE.sync)
      syncProtocol.writeUpdate(e, update)
      this.#room.receive(this.conn, encoding.toUint8Array(e))
    })
  }

  /** Connects and syncs both ways; resolves once the room has stored what this client sent. */
  async connect(room: CollabRoom): Promise<void> {
    this.#room = room
    room.join(this.conn)
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MESSAGE.sync)
    syncProtocol.writeSyncStep1(e, this.doc)
    room.receive(this.conn, encoding.toUint8Array(e))
    await this.settle()
  }

  disconnect(): void {
    this.#room?.leave(this.conn)
    this.#room = undefined
  }

  /** Waits until the room has handled and stored everything so far. */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 5))
      await this.#room?.persisted()
    }
  }

  /** Writes a line as its author would: a `Y.Map` under `lines`. */
  addLine(lineId: string, fields: Record<string, unknown>): void {
    this.doc.transact(() => {
      const line = new Y.Map<unknown>()
      for (const [k, v] of Object.entries(fields)) line.set(k, v)
      this.doc.getMap('lines').set(lineId, line)
    })
  }

  /** Sets one key of an existing line. */
  setField(lineId: string, key: string, value: unknown): void {
    const line = this.doc.getMap('lines').get(lineId)
    if (!(line instanceof Y.Map)) throw new Error(`no line ${lineId}`)
    line.set(key, value)
  }

  #fromServer(message: Uint8Array): void {
    const room = this.#room
    const d = decoding.createDecoder(message)
    if (decoding.readVarUint(d) !== MESSAGE.sync) return
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MESSAGE.sync)
    syncProtocol.readSyncMessage(d, reply, this.doc, this)
    if (room && encoding.length(reply) > 1) room.receive(this.conn, encoding.toUint8Array(reply))
  }
}
