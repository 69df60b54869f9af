import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/** y-websocket's outer message types (`y-websocket/src/y-websocket.js`). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const

/** A parsed client message. */
export type ClientMessage =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'ignored' }

/** Reads one y-websocket message; throws on a truncated one. */
export function readMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data)
  switch (decoding.readVarUint(decoder)) {
    case MESSAGE.sync: {
      const kind = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (kind === syncProtocol.messageYjsSyncStep1) return { type: 'step1', stateVector: payload }
      // SyncStep2 and Update both carry an update; the server treats them alike.
      if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate)
        return { type: 'update', update: payload }
      return { type: 'ignored' }
    }
    case MESSAGE.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
    case MESSAGE.queryAwareness:
      return { type: 'queryAwareness' }
    default:
      return { type: 'ignored' }
  }
}

/** SyncStep1: the server's state vector, so the client answers with what the server lacks. */
export function step1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE.sync)
  syncProtocol.writeSyncStep1(e, doc)
  return encoding.toUint8Array(e)
}

/** SyncStep2: what the client lacks, given its state vector. */
export function step2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE.sync)
  syncProtocol.writeSyncStep2(e, doc, stateVector)
  return encoding.toUint8Array(e)
}

/** An incremental update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE.sync)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

/** Awareness states of the given clients. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: readonly number[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE.awareness)
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...clients]))
  return encoding.toUint8Array(e)
}
