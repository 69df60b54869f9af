import { createHash } from 'node:crypto'
import { type Order, mergeOrders, ordersEqual } from '@xiaodian/domain'
import {
  ORDERS_RXDB_SCHEMA,
  type OrderDocument,
  PullResponse,
  PullStreamEvent,
  PushResponse,
  REPLICATION_PULL_BATCH_SIZE,
  REPLICATION_PUSH_BATCH_SIZE,
  REPLICATION_PUSH_MAX_BODY_BYTES,
  REPLICATION_PUSH_MAX_INFLATED_BYTES,
  REPLICATION_PUSH_MAX_ROWS,
  type ReplicationCheckpoint,
} from '@xiaodian/shared'
import {
  type RxCollection,
  type RxConflictHandler,
  type RxDatabase,
  type RxJsonSchema,
  type RxReplicationWriteToMasterRow,
  type WithDeleted,
  createRxDatabase,
} from 'rxdb'
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { Subject } from 'rxjs'
import { SseStream } from './sse-stream'

/**
 * A staff tablet in Node: an RxDB 17 database (memory storage) whose `orders` collection replicates with
 * the BFF over HTTP — the same protocol and conflict handler the h5 client uses, without a browser. The
 * test can take it offline (the replication pauses, the stream closes, requests fail) and back.
 */

/** RxDB's hash without `crypto.subtle` (tablets may load the app over plain HTTP). */
export async function sha256(input: string | ArrayBuffer | Blob): Promise<string> {
  const data =
    typeof input === 'string' ? input : Buffer.from(input instanceof Blob ? await input.arrayBuffer() : input)
  return createHash('sha256').update(data).digest('hex')
}

function orderOf(doc: WithDeleted<Order>): Order {
  const { _deleted, _meta, _rev, _attachments, ...order } = doc as WithDeleted<Order> & Record<string, unknown>
  return order as unknown as Order
}

/** The conflict handler: the domain merge, so a conflict never loses a change; deletion is the master's. */
export const orderConflictHandler: RxConflictHandler<Order> = {
  isEqual: (a, b) => a._deleted === b._deleted && ordersEqual(orderOf(a), orderOf(b)),
  resolve: async (i) => ({
    ...mergeOrders(orderOf(i.realMasterState), orderOf(i.newDocumentState)),
    _deleted: i.realMasterState._deleted,
  }),
}

/**
 * Packs push rows into JSON bodies of at most `maxRows` rows and `maxBytes` bytes. A row too large even
 * alone is sent without its assumed master state (the BFF merges, so it only informs); one still too
 * large cannot be pushed.
 */
export function packPushBodies(
  rows: readonly unknown[],
  maxBytes = REPLICATION_PUSH_MAX_BODY_BYTES,
  maxRows = REPLICATION_PUSH_MAX_ROWS,
): string[] {
  const encoder = new TextEncoder()
  const bodies: string[] = []
  let parts: string[] = []
  let size = 2
  for (const row of rows) {
    let json = JSON.stringify(row)
    let bytes = encoder.encode(json).length
    if (bytes + 2 > maxBytes) {
      json = JSON.stringify({ newDocumentState: (row as { newDocumentState: unknown }).newDocumentState })
      bytes = encoder.encode(json).length
      if (bytes + 2 > maxBytes) throw new Error(`an order of ${bytes} bytes is larger than a push body may be`)
    }
    if (parts.length > 0 && (size + bytes + 1 > maxBytes || parts.length >= maxRows)) {
      bodies.push(`[${parts.join(',')}]`)
      parts = []
      size = 2
    }
    parts.push(json)
    size += bytes + (parts.length > 1 ? 1 : 0)
  }
  if (parts.length > 0) bodies.push(`[${parts.join(',')}]`)
  return bodies
}

/** One push request body, gzip-compressed or plain. */
export interface PushBody {
  body: string | Uint8Array<ArrayBuffer>
  gzip: boolean
}

async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/**
 * The request bodies for a push: with gzip (where `CompressionStream` exists) up to
 * {@link REPLICATION_PUSH_MAX_ROWS} rows a body, each under the body limit once compressed (a body that
 * compresses badly is halved until it fits); without, plain bodies under the limit.
 */
export async function pushBodies(rows: readonly unknown[], useGzip = typeof CompressionStream === 'function') {
  if (!useGzip) return packPushBodies(rows).map((body): PushBody => ({ body, gzip: false }))
  const out: PushBody[] = []
  const compress = async (json: string): Promise<void> => {
    const body = await gzip(json)
    if (body.length <= REPLICATION_PUSH_MAX_BODY_BYTES) {
      out.push({ body, gzip: true })
      return
    }
    const list = JSON.parse(json) as unknown[]
    if (list.length === 1) throw new Error('an order too large to push even compressed')
    const half = Math.ceil(list.length / 2)
    await compress(JSON.stringify(list.slice(0, half)))
    await compress(JSON.stringify(list.slice(half)))
  }
  for (const json of packPushBodies(rows, REPLICATION_PUSH_MAX_INFLATED_BYTES)) await compress(json)
  return out
}

export interface TabletOptions {
  name: string
  deviceId: string
  storeId: string
  /** Read on every request, so a BFF restarted elsewhere is followed. */
  baseUrl: () => string
  token: string
  /** Validate what the BFF answers with the shared zod contracts (on by default). */
  validate?: boolean
  /** Start replicating right away (default true). */
  online?: boolean
  pullBatchSize?: number
  pushBatchSize?: number
  /** Compress push bodies with gzip (default: wherever `CompressionStream` exists). */
  gzip?: boolean
}

export class Tablet {
  readonly name: string
  readonly db: RxDatabase
  readonly orders: RxCollection<Order>
  readonly replication: RxReplicationState<Order, ReplicationCheckpoint>
  readonly stats = { pushRequests: 0, pullRequests: 0, conflicts: 0, errors: 0, lastError: '' }
  #online: boolean
  readonly #stream: SseStream
  readonly #opts: TabletOptions

  private constructor(
    opts: TabletOptions,
    db: RxDatabase,
    orders: RxCollection<Order>,
    build: (t: Tablet) => { replication: RxReplicationState<Order, ReplicationCheckpoint>; stream: SseStream },
  ) {
    this.name = opts.name
    this.#opts = opts
    this.db = db
    this.orders = orders
    this.#online = opts.online ?? true
    const { replication, stream } = build(this)
    this.replication = replication
    this.#stream = stream
    replication.conflict$.subscribe(() => this.stats.conflicts++)
    replication.error$.subscribe((e) => {
      this.stats.errors++
      this.stats.lastError = String(e)
    })
  }

  static async open(opts: TabletOptions): Promise<Tablet> {
    const db = await createRxDatabase({
      name: `tablet-${opts.name}-${Math.random().toString(36).slice(2)}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
      hashFunction: sha256,
    })
    const { orders } = await db.addCollections({
      orders: { schema: ORDERS_RXDB_SCHEMA as RxJsonSchema<Order>, conflictHandler: orderConflictHandler },
    })
    const tablet = new Tablet(opts, db, orders as RxCollection<Order>, (t) => t.#replicate())
    if (tablet.#online) tablet.#stream.start()
    return tablet
  }

  get online(): boolean {
    return this.#online
  }

  /** The network drops: replication pauses and the stream closes; local work goes on. */
  async goOffline(): Promise<void> {
    this.#online = false
    await this.#stream.stop()
    await this.replication.pause()
  }

  /** The network is back: the stream reconnects (the BFF says RESYNC) and the replication resumes. */
  async goOnline(): Promise<void> {
    this.#online = true
    this.#stream.start()
    await this.replication.start()
  }

  /** Every order this tablet holds, by id. */
  async all(): Promise<Map<string, Order>> {
    const docs = await this.orders.find().exec()
    return new Map(docs.map((d) => [d.primary, orderOf(d.toJSON() as WithDeleted<Order>)]))
  }

  /** Applies a change to a local order, the way the board does. */
  async change(id: string, fn: (o: Order) => Order): Promise<void> {
    const doc = await this.orders.findOne(id).exec()
    if (!doc) throw new Error(`${this.name} has no order ${id}`)
    await doc.incrementalModify((data) => ({ ...fn(orderOf(data as WithDeleted<Order>)) }) as typeof data)
  }

  async close(): Promise<void> {
    await this.#stream.stop()
    await this.replication.cancel()
    await this.db.close()
  }

  #url(path: string): string {
    return `${this.#opts.baseUrl()}/api/stores/${this.#opts.storeId}/replication/orders/${path}`
  }

  #assertOnline(): void {
    if (!this.#online) throw new Error(`${this.name} is offline`)
  }

  #replicate() {
    const validate = this.#opts.validate ?? true
    const auth = { authorization: `Bearer ${this.#opts.token}` }
    const events = new Subject<PullStreamEvent>()
    const stream = new SseStream(() => this.#url('pull-stream'), {
      headers: auth,
      onMessage: (data) => {
        const parsed = JSON.parse(data) as unknown
        events.next(validate ? PullStreamEvent.parse(parsed) : (parsed as PullStreamEvent))
      },
      // Like EventSource.onerror: whatever was missed is fetched by checkpoint.
      onDisconnect: () => events.next('RESYNC'),
    })
    const replication = replicateRxCollection<Order, ReplicationCheckpoint>({
      collection: this.orders,
      replicationIdentifier: `orders-v1-${this.#opts.storeId}`,
      live: true,
      retryTime: 500,
      waitForLeadership: false,
      autoStart: this.#online,
      pull: {
        batchSize: this.#opts.pullBatchSize ?? REPLICATION_PULL_BATCH_SIZE,
        stream$: events.asObservable(),
        handler: async (checkpoint, batchSize) => {
          this.#assertOnline()
          this.stats.pullRequests++
          const cp = checkpoint ?? { updatedAt: 0, id: '' }
          const q = `checkpoint=${encodeURIComponent(JSON.stringify(cp))}&limit=${batchSize}`
          const res = await fetch(`${this.#url('pull')}?${q}`, { headers: auth })
          if (!res.ok) throw new Error(`pull ${res.status}: ${await res.text()}`)
          const body = (await res.json()) as unknown
          return validate ? PullResponse.parse(body) : (body as PullResponse)
        },
      },
      push: {
        batchSize: this.#opts.pushBatchSize ?? REPLICATION_PUSH_BATCH_SIZE,
        handler: async (rows: RxReplicationWriteToMasterRow<Order>[]) => {
          this.#assertOnline()
          const bodies = await pushBodies(rows, this.#opts.gzip)
          const answers = await Promise.all(
            bodies.map(async ({ body, gzip }) => {
              this.stats.pushRequests++
              const res = await fetch(this.#url('push'), {
                method: 'POST',
                headers: {
                  ...auth,
                  'content-type': 'application/json',
                  'x-device-id': this.#opts.deviceId,
                  ...(gzip ? { 'content-encoding': 'gzip' } : {}),
                },
                body,
              })
              if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`)
              const answer = (await res.json()) as unknown
              return validate ? PushResponse.parse(answer) : (answer as OrderDocument[])
            }),
          )
          return answers.flat()
        },
      },
    })
    return { replication, stream }
  }
}
