import { CHANNELS, FULFILMENT_STATUSES, FULFILMENT_TYPES, type Order, PAYMENT_STATUSES } from '@xiaodian/domain'
import { z } from 'zod'

/**
 * The `orders` replication between a staff tablet's RxDB and the BFF (RxDB 17 replication protocol):
 * pull by checkpoint, push answering conflicts, and a server-sent pull stream. The BFF joins every pushed
 * document into its order with the domain's `mergeOrders`, so conflicts never lose a change.
 */

/** Longest order id accepted (client ids are UUIDv7, channel ids are prefixed platform ids). */
export const ORDER_ID_MAX_LENGTH = 128

/** Largest `limit` a pull may ask for. */
export const REPLICATION_PULL_MAX_LIMIT = 1000

/** The pull batch size tablets use: few round trips, responses of about 1.5 MB. */
export const REPLICATION_PULL_BATCH_SIZE = 1000

/**
 * The push batch size tablets give RxDB (rows per push-handler call). The handler sends them in request
 * bodies of at most {@link REPLICATION_PUSH_MAX_ROWS} rows, gzip-compressed where the platform can
 * (`CompressionStream`), all at once.
 */
export const REPLICATION_PUSH_BATCH_SIZE = 1000

/**
 * The largest push body a tablet sends, as it goes over the wire: under the BFF's 64 KB body limit (bodies
 * above it are refused with 413) with room to spare. Uncompressed that is about 40 new orders; compressed
 * with gzip (`Content-Encoding: gzip`, about 20× on orders) a full body of 500 rows fits easily.
 */
export const REPLICATION_PUSH_MAX_BODY_BYTES = 60_000

/** The largest a gzip-compressed push body may inflate to; beyond it the BFF answers 413. */
export const REPLICATION_PUSH_MAX_INFLATED_BYTES = 2 * 1024 * 1024

/** Most rows one push request may carry. */
export const REPLICATION_PUSH_MAX_ROWS = 500

const fen = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)
const epochMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const text = (max: number) => z.string().max(max)
const key = z.string().min(1).max(128)

const Stamp = z.object({ v: z.number().int(), at: epochMs, by: text(128) })

const OrderLine = z.object({
  id: key,
  itemId: text(128),
  itemName: text(200),
  categoryId: text(128),
  skuId: text(128),
  skuName: text(200),
  options: z.array(z.object({ groupId: text(128), optionId: text(128), name: text(200), priceDeltaFen: fen })).max(50),
  unitPriceFen: fen,
  quantity: z.number().int().min(0).max(10_000),
  subtotalFen: fen,
  discounts: z.array(z.object({ promotionId: text(128), amountFen: fen })).max(50),
  totalFen: fen,
})

const PaymentRecord = z.object({ id: key, amountFen: fen, method: text(64), at: epochMs })

const RefundRecord = z.object({
  id: key,
  amountFen: fen,
  at: epochMs,
  reason: text(500),
  lines: z.record(key, fen),
})

const nullableTime = epochMs.nullable()

/**
 * The domain `Order` as it travels over the wire, field for field. Unknown fields are dropped, which is
 * how RxDB's own `_meta`, `_rev` and `_attachments` never reach the BFF.
 */
export const ReplicatedOrder = z.object({
  id: z.string().min(1).max(ORDER_ID_MAX_LENGTH),
  storeId: z.string().min(1).max(64),
  channel: z.enum(CHANNELS),
  externalId: text(ORDER_ID_MAX_LENGTH).nullable(),
  businessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  fulfilmentType: z.enum(FULFILMENT_TYPES),
  pickupNumber: z.number().int().min(0).max(999_999).nullable(),
  customer: z.object({ id: text(128).nullable(), name: text(100).nullable(), phoneMasked: text(32).nullable() }),
  lines: z.array(OrderLine).max(200),
  amounts: z.object({ subtotalFen: fen, discountFen: fen, feesFen: fen, totalFen: fen }),
  promotions: z.array(z.object({ promotionId: text(128), name: text(200), savingFen: fen })).max(50),
  linesStamp: Stamp,
  acceptance: z.object({ at: epochMs, lines: Stamp }).nullable(),
  notes: text(1000),
  notesStamp: Stamp,
  fulfilment: z.enum(FULFILMENT_STATUSES),
  cancelReason: text(500).nullable(),
  payment: z.enum(PAYMENT_STATUSES),
  payments: z.record(key, PaymentRecord),
  refunds: z.record(key, RefundRecord),
  timestamps: z.object({
    createdAt: epochMs,
    acceptedAt: nullableTime,
    makingAt: nullableTime,
    readyAt: nullableTime,
    doneAt: nullableTime,
    cancelledAt: nullableTime,
    updatedAt: epochMs,
  }),
})

// A parsed order must be usable as a domain Order: this line stops compiling when the domain adds a field.
const _isOrder: (o: z.infer<typeof ReplicatedOrder>) => Order = (o) => o
void _isOrder

/**
 * The fields of a replicated order: the domain `Order`'s keys, as the contract above lists them. A client
 * copies exactly these out of a stored document, so RxDB's own fields never leak into an `Order`.
 */
export const ORDER_FIELDS: readonly (keyof Order)[] = ReplicatedOrder.keyof().options

// The contract has no field the domain order lacks (the line above `ORDER_FIELDS` checks the other way).
type ExtraField = Exclude<keyof z.infer<typeof ReplicatedOrder>, keyof Order>
const _noExtraField: ExtraField extends never ? true : ExtraField = true
void _noExtraField

/**
 * One document of the replicated `orders` collection: the order plus RxDB's deletion flag. Orders are
 * never deleted (a cancelled order is a status), so the BFF always sends `_deleted: false`.
 */
export const OrderDocument = ReplicatedOrder.extend({ _deleted: z.boolean() })
/** A replicated order document: the domain order and RxDB's deletion flag. */
export type OrderDocument = Order & { readonly _deleted: boolean }

/**
 * Where a tablet's pull stands: the last document it has, ordered by the BFF's per-store monotonic clock
 * `updatedAt` and then by `id`. The first pull starts from `{ updatedAt: 0, id: '' }`.
 */
export const ReplicationCheckpoint = z.object({
  updatedAt: epochMs,
  id: z.string().max(ORDER_ID_MAX_LENGTH),
})
/** A parsed checkpoint. */
export type ReplicationCheckpoint = z.infer<typeof ReplicationCheckpoint>

const checkpointJson = z.string().transform((raw, ctx) => {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    ctx.addIssue({ code: 'custom', message: 'checkpoint is not JSON' })
    return z.NEVER
  }
})

/**
 * `GET …/replication/orders/pull` query: the checkpoint as JSON (`checkpoint={"updatedAt":…,"id":"…"}`)
 * or as two parameters (`updatedAt=…&id=…`); none means from the start. `limit` defaults to 100.
 */
export const PullQuery = z
  .object({
    checkpoint: checkpointJson.pipe(ReplicationCheckpoint).optional(),
    updatedAt: z.coerce.number().pipe(epochMs).optional(),
    id: z.string().max(ORDER_ID_MAX_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(REPLICATION_PULL_MAX_LIMIT).default(100),
  })
  .transform((q) => ({
    checkpoint: q.checkpoint ?? { updatedAt: q.updatedAt ?? 0, id: q.id ?? '' },
    limit: q.limit,
  }))
/** A parsed pull query. */
export type PullQuery = z.infer<typeof PullQuery>

/**
 * The answer to a pull: documents after the checkpoint in `(updatedAt, id)` order, and the checkpoint of
 * the last one (the request's own checkpoint when there are none). Fewer than `limit` documents means
 * the tablet has caught up.
 */
export const PullResponse = z.object({
  documents: z.array(OrderDocument),
  checkpoint: ReplicationCheckpoint,
})
/** A pull answer. */
export type PullResponse = { documents: OrderDocument[]; checkpoint: ReplicationCheckpoint }

/**
 * One row of a push, as RxDB hands it to the push handler: the tablet's new state of a document and the
 * master state it last saw (absent for a document it created).
 */
export const PushRow = z.object({
  assumedMasterState: OrderDocument.optional(),
  newDocumentState: OrderDocument,
})
/** A push row. */
export type PushRow = { assumedMasterState?: OrderDocument | undefined; newDocumentState: OrderDocument }

/** `POST …/replication/orders/push` body: the rows, all committed in one transaction. */
export const PushRequest = z.array(PushRow).max(REPLICATION_PUSH_MAX_ROWS)
/** A push body. */
export type PushRequest = PushRow[]

/**
 * The answer to a push: the master state (after the BFF's merge) of every document whose master now
 * differs from the row's `newDocumentState`. Empty when the BFF holds exactly what was pushed.
 */
export const PushResponse = z.array(OrderDocument)
/** A push answer: the conflicting masters. */
export type PushResponse = OrderDocument[]

/**
 * One `data:` message of `GET …/replication/orders/pull-stream` (SSE): a batch of changed documents
 * with the checkpoint after them, or `"RESYNC"` (sent first on every connection) telling the tablet to
 * pull by checkpoint again.
 */
export const PullStreamEvent = z.union([z.literal('RESYNC'), PullResponse])
/** A pull-stream message. */
export type PullStreamEvent = 'RESYNC' | PullResponse

/** The header that names the pushing tablet; it is recorded with the order's event in the log. */
export const DEVICE_ID_HEADER = 'x-device-id'

/** A tablet's id: letters, digits, `-`, `_`, `.`, `:`, at most 64 characters. */
export const DeviceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'device id: 1–64 of [A-Za-z0-9_.:-]')

const maxTime = 9_999_999_999_999

/**
 * The RxDB JSON schema of the tablets' `orders` collection (primary key `id`): one property per field of
 * {@link ReplicatedOrder}, all required. Indexed strings carry `maxLength` and indexed numbers
 * `minimum`/`maximum`/`multipleOf`, as RxDB requires. Indexes serve the board (a business day's orders by
 * status, and by creation time).
 *
 * `version` is that of a fresh collection. A client that keeps documents across releases (the staff
 * tablet) stamps its own collection version over it and migrates what older releases stored.
 */
export const ORDERS_RXDB_SCHEMA = {
  title: 'orders',
  description: 'Orders of one store, replicated with the BFF',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: ORDER_ID_MAX_LENGTH },
    storeId: { type: 'string', maxLength: 64 },
    channel: { type: 'string', enum: CHANNELS },
    externalId: { type: ['string', 'null'] },
    businessDay: { type: 'string', maxLength: 10 },
    fulfilmentType: { type: 'string', enum: FULFILMENT_TYPES },
    pickupNumber: { type: ['integer', 'null'] },
    customer: { type: 'object' },
    lines: { type: 'array', items: { type: 'object' } },
    amounts: { type: 'object' },
    promotions: { type: 'array', items: { type: 'object' } },
    linesStamp: { type: 'object' },
    acceptance: { type: ['object', 'null'] },
    notes: { type: 'string' },
    notesStamp: { type: 'object' },
    fulfilment: { type: 'string', enum: FULFILMENT_STATUSES, maxLength: 16 },
    cancelReason: { type: ['string', 'null'] },
    payment: { type: 'string', enum: PAYMENT_STATUSES },
    payments: { type: 'object' },
    refunds: { type: 'object' },
    timestamps: {
      type: 'object',
      properties: {
        createdAt: { type: 'integer', minimum: 0, maximum: maxTime, multipleOf: 1 },
        updatedAt: { type: 'integer', minimum: 0, maximum: maxTime, multipleOf: 1 },
      },
      required: ['createdAt', 'updatedAt'],
    },
  },
  required: [...ORDER_FIELDS],
  indexes: [
    ['businessDay', 'fulfilment', 'timestamps.createdAt'],
    ['businessDay', 'timestamps.createdAt'],
  ],
} as const

// The RxDB schema declares exactly the contract's fields: this stops compiling when the two lists differ.
type SchemaField = keyof typeof ORDERS_RXDB_SCHEMA.properties
type SchemaMismatch = Exclude<SchemaField, keyof Order> | Exclude<keyof Order, SchemaField>
const _schemaMatches: SchemaMismatch extends never ? true : SchemaMismatch = true
void _schemaMatches
