import type { ServerResponse } from 'node:http'
import type { Order } from '@xiaodian/domain'
import type { OrderDocument, ReplicationCheckpoint } from '@xiaodian/shared'
import type { EncodedEvent, StreamSink } from '../stream/hub'

/** The part of a log event's payload the pull stream reads. */
interface LogPayload {
  at: number
  order: Order | null
}

/** A log event as a replicated document: its order's id, the event's clock and the document's JSON. */
interface EventDocument {
  id: string
  at: number
  json: string
}

// Every tablet of a store receives the same events: decode each one once, whoever reads it first.
const decoded = new WeakMap<EncodedEvent, EventDocument | null>()

function documentOf(ev: EncodedEvent): EventDocument | null {
  let d = decoded.get(ev)
  if (d === undefined) {
    const { at, order } = JSON.parse(ev.json) as LogPayload
    const doc: OrderDocument | null = order ? { ...order, _deleted: false } : null
    d = doc ? { id: doc.id, at, json: JSON.stringify(doc) } : null
    decoded.set(ev, d)
  }
  return d
}

/** The message that sends a tablet back to pulling by checkpoint; the first on every connection. */
export const RESYNC_MESSAGE = 'data: "RESYNC"\n\n'

/**
 * A StreamHub subscriber that turns the store's log into RxDB pull-stream messages on an SSE response:
 * the events the hub hands over in one turn of the event loop (a live batch, or a page of catch-up) become
 * one `{ documents, checkpoint }` message, each order once in its newest state. Events without an order
 * (an unmatched payment) carry nothing to replicate. Backpressure is the socket's: while it is full the
 * hub stops writing and later catches up from the log.
 *
 * A tablet's own pushes come back to it too. Skipping them looks free (its push was answered with every
 * merged master) but is not: another writer's older state of the same order, streamed after that answer,
 * would overwrite the tablet's newer copy, and only the skipped echo would have put it right.
 */
export class PullStreamSink implements StreamSink {
  readonly kind = 'sse' as const
  readonly #res: ServerResponse
  readonly #docs = new Map<string, string>()
  #checkpoint: ReplicationCheckpoint | undefined
  #scheduled = false

  constructor(res: ServerResponse) {
    this.#res = res
  }

  write(ev: EncodedEvent): boolean {
    const doc = documentOf(ev)
    if (doc) {
      // Re-inserting moves the order to the end, so the batch lists orders in log order.
      this.#docs.delete(doc.id)
      this.#docs.set(doc.id, doc.json)
      this.#checkpoint = { updatedAt: doc.at, id: doc.id }
      if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => this.flush())
      }
    }
    return !this.#res.writableNeedDrain
  }

  /** Writes the documents gathered so far as one message. */
  flush(): void {
    this.#scheduled = false
    if (this.#docs.size === 0 || !this.#checkpoint || this.#res.writableEnded) return
    const documents = [...this.#docs.values()].join(',')
    this.#docs.clear()
    this.#res.write(`data: {"documents":[${documents}],"checkpoint":${JSON.stringify(this.#checkpoint)}}\n\n`)
  }

  onDrain(cb: () => void): void {
    this.#res.once('drain', cb)
  }

  heartbeat(): void {
    this.#res.write(': hb\n\n')
  }

  close(): void {
    this.flush()
    this.#res.end()
  }
}
