import { createHash } from 'node:crypto'
import { type Order, derivePaymentStatus } from '@xiaodian/domain'
import type { Sql } from '../db/database'
import type { ChannelCommand } from './command'
import { isShell, join, orderIdFor, placedOrder, shellOrder, withStatus } from './fold'

/** What the ingest of one command did. */
export interface Applied {
  duplicate: boolean
  storeId: string
  /** The log sequence of the event this command appended (or of the original, for a duplicate). */
  seq: number
  orderId: string | null
}

/** What applying needs besides the transaction. */
export interface ApplyContext {
  /** The business day an instant belongs to in a store (time zone and cutoff). */
  businessDay(storeId: string, at: number): string
  now(): number
}

/** The key that makes a redelivery a duplicate: the same key appends no second event. */
export function dedupeKey(cmd: ChannelCommand): string {
  switch (cmd.kind) {
    case 'order.placed':
      return `placed:${cmd.channel}:${cmd.externalId}`
    case 'order.status':
      return `status:${cmd.channel}:${cmd.externalId}:${cmd.status}`
    case 'delivery.status':
      return `delivery:${cmd.channel}:${cmd.externalId}:${cmd.status}`
    case 'payment.succeeded':
      return `payment:${cmd.provider}:${cmd.transactionId}`
    case 'refund':
      return `refund:${cmd.channel}:${cmd.externalId}:${cmd.refundId}:${cmd.state}`
    case 'order.upsert':
      if (cmd.placement) return `placed:${cmd.order.channel}:${cmd.order.id}`
      // Identical replicas are one delivery; any change is a new one.
      return `upsert:${cmd.order.id}:${createHash('sha1').update(JSON.stringify(cmd.order)).digest('base64url')}`
  }
}

/**
 * Applies one command inside the caller's transaction: skips it when its dedupe key is already in the
 * log, else joins it into its order (creating a shell when the order has not arrived yet), appends its
 * event with the store's next sequence number, and folds in commands that were waiting for this order.
 */
export async function applyCommand(tx: Sql, cmd: ChannelCommand, ctx: ApplyContext): Promise<Applied> {
  const key = dedupeKey(cmd)
  const seen = await tx.query<{ seq: string; order_id: string | null }>(
    'select seq, order_id from order_events where store_id = $1 and dedupe_key = $2',
    [cmd.storeId, key],
  )
  if (seen[0]) return { duplicate: true, storeId: cmd.storeId, seq: Number(seen[0].seq), orderId: seen[0].order_id }

  if (cmd.kind === 'payment.succeeded' || (cmd.kind === 'refund' && cmd.channel === 'wechatpay')) {
    return applyToOwnOrder(tx, cmd, key, ctx)
  }
  const target = targetOf(cmd)
  const stored = await loadOrder(tx, cmd.storeId, target.channel, target.externalId)
  // A full refund that does not name its amount can only be settled against the order's payments: keep
  // it until the order arrives, so early and in-order delivery end the same.
  if (cmd.kind === 'refund' && cmd.amountFen === undefined && (!stored || isShell(stored))) {
    const orderId = orderIdFor(target.channel, target.externalId)
    await tx.query(
      'insert into orphan_commands (store_id, order_id, dedupe_key, command) values ($1, $2, $3, $4) on conflict do nothing',
      [cmd.storeId, orderId, key, JSON.stringify(cmd)],
    )
    return appendEvent(tx, cmd.storeId, key, orderId, 'refund.pending', detailOf(cmd), ctx.now())
  }
  const day =
    stored?.businessDay ?? ctx.businessDay(cmd.storeId, cmd.kind === 'order.placed' ? cmd.order.placedAt : cmd.at)
  const delta = deltaOf(cmd, stored, { ...target, storeId: cmd.storeId, businessDay: day })
  let next = join(stored, delta)
  // An own-channel order that arrives after its payment or refund: fold those in now.
  if (!stored || isShell(stored)) next = await adoptOrphans(tx, cmd.storeId, next)
  // A tablet's or the mini-program's first version of an order is its placement; later versions are updates.
  const type = cmd.kind === 'order.upsert' && (!stored || isShell(stored)) ? 'order.placed' : eventType(cmd)
  return append(tx, cmd, key, next, type, detailOf(cmd))
}

function targetOf(cmd: Exclude<ChannelCommand, { kind: 'payment.succeeded' }>): {
  channel: Order['channel']
  externalId: string
} {
  if (cmd.kind === 'order.upsert')
    return { channel: cmd.order.channel, externalId: cmd.order.externalId ?? cmd.order.id }
  return { channel: cmd.channel as Order['channel'], externalId: cmd.externalId }
}

function deltaOf(
  cmd: Exclude<ChannelCommand, { kind: 'payment.succeeded' }>,
  stored: Order | undefined,
  t: { storeId: string; channel: Order['channel']; externalId: string; businessDay: string },
): Order {
  switch (cmd.kind) {
    case 'order.placed':
      return placedOrder(cmd, t.businessDay)
    case 'order.upsert':
      return cmd.order
    case 'order.status': {
      const base = stored ?? shellOrder(t, cmd.at)
      return withStatus(base, cmd.status === 'submitted' ? base.fulfilment : cmd.status, cmd.at, cmd.reason)
    }
    case 'delivery.status': {
      // A delivered order was handed over; the rest of the rider's progress is recorded in the log only.
      const base = stored ?? shellOrder(t, cmd.at)
      return cmd.status === 'delivered' ? withStatus(base, 'done', cmd.at) : base
    }
    case 'refund':
      return refundDelta(stored ?? shellOrder(t, cmd.at), cmd)
  }
}

/**
 * A refund becomes part of the order once the money went back: WeChat Pay's REFUND.SUCCESS, or Meituan
 * agreeing (Meituan pays the customer back itself). Requests, rejections and withdrawals are only logged,
 * which is what the owner's "refunds waiting" list reads.
 */
function refundDelta(base: Order, cmd: Extract<ChannelCommand, { kind: 'refund' }>): Order {
  const settled = cmd.state === 'succeeded' || (cmd.state === 'agreed' && cmd.channel === 'meituan')
  if (!settled) return base
  const paid = Object.values(base.payments).reduce((s, p) => s + p.amountFen, 0)
  const amountFen = cmd.amountFen ?? (cmd.full ? paid || base.amounts.totalFen : 0)
  const refund = { id: `${cmd.channel}:${cmd.refundId}`, amountFen, at: cmd.at, reason: cmd.reason ?? '', lines: {} }
  const refunds = { ...base.refunds, [refund.id]: refund }
  return { ...base, refunds, payment: derivePaymentStatus(base.payments, refunds) }
}

/** Payments and WeChat Pay refunds name our order by out_trade_no, which is the order's id. */
async function applyToOwnOrder(
  tx: Sql,
  cmd: Extract<ChannelCommand, { kind: 'payment.succeeded' | 'refund' }>,
  key: string,
  ctx: ApplyContext,
): Promise<Applied> {
  const orderId = cmd.kind === 'payment.succeeded' ? cmd.outTradeNo : cmd.externalId
  if (cmd.kind === 'payment.succeeded') {
    await tx.query(
      `insert into payments (store_id, provider, transaction_id, out_trade_no, amount_fen, payer_total_fen, order_id, paid_at)
       values ($1, $2, $3, $4, $5, $6, null, $7) on conflict do nothing`,
      [cmd.storeId, cmd.provider, cmd.transactionId, cmd.outTradeNo, cmd.amountFen, cmd.payerTotalFen, cmd.at],
    )
  }
  const rows = await tx.query<{ doc: Order }>('select doc from orders where store_id = $1 and id = $2 for update', [
    cmd.storeId,
    orderId,
  ])
  const stored = rows[0]?.doc
  if (!stored) {
    await tx.query(
      'insert into orphan_commands (store_id, order_id, dedupe_key, command) values ($1, $2, $3, $4) on conflict do nothing',
      [cmd.storeId, orderId, key, JSON.stringify(cmd)],
    )
    const type = cmd.kind === 'payment.succeeded' ? 'payment.unmatched' : 'refund.unmatched'
    return appendEvent(tx, cmd.storeId, key, null, type, { command: cmd }, ctx.now())
  }
  const next = join(stored, ownDelta(stored, cmd))
  return append(tx, cmd, key, next, cmd.kind === 'payment.succeeded' ? 'payment.received' : 'refund', detailOf(cmd))
}

function ownDelta(base: Order, cmd: Extract<ChannelCommand, { kind: 'payment.succeeded' | 'refund' }>): Order {
  if (cmd.kind === 'refund') return refundDelta(base, cmd)
  const id = `${cmd.provider}:${cmd.transactionId}`
  const payments = { ...base.payments, [id]: { id, amountFen: cmd.amountFen, method: cmd.provider, at: cmd.at } }
  return { ...base, payments, payment: derivePaymentStatus(payments, base.refunds) }
}

async function adoptOrphans(tx: Sql, storeId: string, order: Order): Promise<Order> {
  const rows = await tx.query<{ command: ChannelCommand }>(
    'delete from orphan_commands where store_id = $1 and order_id = $2 returning command',
    [storeId, order.id],
  )
  let next = order
  for (const r of rows) {
    const c = r.command
    if (c.kind === 'payment.succeeded' || c.kind === 'refund') next = join(next, ownDelta(next, c))

    if (c.kind === 'payment.succeeded') {
      await tx.query('update payments set order_id = $3 where store_id = $1 and transaction_id = $2', [
        storeId,
        c.transactionId,
        order.id,
      ])
    }
  }
  return next
}

async function loadOrder(tx: Sql, storeId: string, channel: string, externalId: string): Promise<Order | undefined> {
  const rows = await tx.query<{ doc: Order }>(
    'select doc from orders where store_id = $1 and channel = $2 and external_id = $3 for update',
    [storeId, channel, externalId],
  )
  return rows[0]?.doc
}

async function append(
  tx: Sql,
  cmd: ChannelCommand,
  key: string,
  order: Order,
  type: string,
  detail: Record<string, unknown>,
): Promise<Applied> {
  const head = await nextSeq(tx, cmd.storeId, Date.now())
  await tx.query(
    `insert into orders (store_id, id, channel, external_id, doc, updated_at, last_seq)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (store_id, id) do update set doc = excluded.doc, updated_at = excluded.updated_at, last_seq = excluded.last_seq`,
    [
      cmd.storeId,
      order.id,
      order.channel,
      order.externalId ?? order.id,
      JSON.stringify(order),
      head.updatedMs,
      head.seq,
    ],
  )
  const payload = { seq: head.seq, storeId: cmd.storeId, type, orderId: order.id, at: head.updatedMs, detail, order }
  await tx.query(
    'insert into order_events (store_id, seq, order_id, type, dedupe_key, payload) values ($1, $2, $3, $4, $5, $6)',
    [cmd.storeId, head.seq, order.id, type, key, JSON.stringify(payload)],
  )
  return { duplicate: false, storeId: cmd.storeId, seq: head.seq, orderId: order.id }
}

async function appendEvent(
  tx: Sql,
  storeId: string,
  key: string,
  orderId: string | null,
  type: string,
  detail: Record<string, unknown>,
  now: number,
): Promise<Applied> {
  const head = await nextSeq(tx, storeId, now)
  const payload = { seq: head.seq, storeId, type, orderId, at: head.updatedMs, detail, order: null }
  await tx.query(
    'insert into order_events (store_id, seq, order_id, type, dedupe_key, payload) values ($1, $2, $3, $4, $5, $6)',
    [storeId, head.seq, orderId, type, key, JSON.stringify(payload)],
  )
  return { duplicate: false, storeId, seq: head.seq, orderId }
}

/** Advances the store's log head: the next gap-free sequence number and a monotonic per-store clock. */
async function nextSeq(tx: Sql, storeId: string, now: number): Promise<{ seq: number; updatedMs: number }> {
  const rows = await tx.query<{ seq: string; updated_ms: string }>(
    `insert into store_log_head (store_id, seq, updated_ms) values ($1, 1, $2)
     on conflict (store_id) do update set seq = store_log_head.seq + 1,
       updated_ms = greatest(store_log_head.updated_ms + 1, excluded.updated_ms)
     returning seq, updated_ms`,
    [storeId, now],
  )
  const r = rows[0]!
  return { seq: Number(r.seq), updatedMs: Number(r.updated_ms) }
}

function eventType(cmd: Exclude<ChannelCommand, { kind: 'payment.succeeded' }>): string {
  switch (cmd.kind) {
    case 'order.placed':
      return 'order.placed'
    case 'order.upsert':
      return 'order.updated'
    case 'order.status':
      return 'order.status'
    case 'delivery.status':
      return 'delivery.status'
    case 'refund':
      return 'refund'
  }
}

function detailOf(cmd: ChannelCommand): Record<string, unknown> {
  switch (cmd.kind) {
    case 'order.placed':
      return { channel: cmd.channel, paid: cmd.paid, ...(cmd.deviceId ? { deviceId: cmd.deviceId } : {}) }
    case 'order.upsert':
      return cmd.deviceId ? { deviceId: cmd.deviceId } : {}
    case 'order.status':
      return { status: cmd.status, ...(cmd.reason ? { reason: cmd.reason } : {}) }
    case 'delivery.status':
      return { status: cmd.status, ...(cmd.rider ? { rider: cmd.rider } : {}) }
    case 'payment.succeeded':
      return { provider: cmd.provider, transactionId: cmd.transactionId, amountFen: cmd.amountFen }
    case 'refund':
      return {
        refundId: cmd.refundId,
        state: cmd.state,
        full: cmd.full,
        ...(cmd.amountFen !== undefined ? { amountFen: cmd.amountFen } : {}),
      }
  }
}

export { orderIdFor }
