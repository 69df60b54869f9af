import type { Logger } from 'pino'
import type { AnyHandler, FollowContext, LogEvent } from '../booking/follower'
import type { Database, Sql } from '../db/database'
import type { RefundApi } from './refund-api'

/** A refund we owe, to be run by the saga. */
export interface OwedRefund {
  readonly storeId: string
  /** Idempotency key everywhere: `[0-9A-Za-z_\-|*@]`, at most 64 characters (WeChat Pay's rule). */
  readonly outRefundNo: string
  /** The order (WeChat Pay out_trade_no) whose payment is refunded. */
  readonly orderId: string
  readonly amountFen: number
  /** What was paid on the order (WeChat Pay's amount.total). */
  readonly totalFen: number
  readonly reason: string
  /** Which flow owes it: `groupbuy`, `booking`, `pass`. */
  readonly source: string
}

/** WeChat Pay's out_refund_no alphabet. */
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/

/** A stable out_refund_no from a flow's own refund id (the domain's `team:member` uses a colon WeChat refuses). */
export function outRefundNoOf(refundId: string): string {
  const no = refundId.replaceAll(':', '|')
  if (!OUT_REFUND_NO.test(no)) throw new Error(`not a valid out_refund_no: ${no}`)
  return no
}

/**
 * Records a refund we owe, in the caller's transaction (the same one that decided it: the team failed,
 * the booking was cancelled). Recording it twice keeps one row, so nobody is ever owed twice.
 */
export async function owe(tx: Sql, r: OwedRefund, now: number): Promise<void> {
  if (r.amountFen <= 0) return
  await tx.query(
    `insert into refund_sagas (store_id, out_refund_no, order_id, amount_fen, total_fen, reason, source, status,
       next_attempt_ms, created_ms, updated_ms)
     values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8, $8)
     on conflict (store_id, out_refund_no) do nothing`,
    [r.storeId, outRefundNoOf(r.outRefundNo), r.orderId, r.amountFen, r.totalFen, r.reason, r.source, now],
  )
}

/** How long one process may work on a refund before another may retry it (a crash mid-call). */
const LEASE_MS = 15_000
/** How long to wait for REFUND.SUCCESS before asking the API again. */
const AWAIT_NOTIFY_MS = 30_000
/** Refusals that retrying can fix: rate limits, the platform's errors, a balance not yet settled. */
const RETRYABLE = new Set(['FREQUENCY_LIMITED', 'SYSTEM_ERROR', 'NOT_ENOUGH', 'RESOURCE_NOT_EXISTS'])

type SagaRow = {
  store_id: string
  out_refund_no: string
  order_id: string
  amount_fen: number
  total_fen: number
  reason: string
  status: string
  attempts: number
}

/**
 * Pushes owed refunds forward, one step each: claim a lease on the due ones (SKIP LOCKED), ask the refund
 * API (idempotent on out_refund_no, so asking again after a crash or a lost answer refunds nobody twice),
 * and record `requested`; the REFUND.SUCCESS notification, once ingested, completes the saga
 * ({@link onRefundSettled}). A refusal that retrying can fix backs off; any other marks it `failed` for
 * the owner. Unacknowledged notifications are re-sent by the platform (`redeliver`).
 */
export async function runRefundSagas(
  s: { db: Database; now: () => number; log: Logger },
  api: RefundApi,
  limit = 100,
): Promise<number> {
  const now = s.now()
  const rows = await s.db.query<SagaRow>(
    `update refund_sagas r set next_attempt_ms = $1, attempts = r.attempts + 1, updated_ms = $2
     from (select store_id, out_refund_no from refund_sagas
           where status in ('pending', 'requested') and next_attempt_ms <= $2
           order by next_attempt_ms limit $3 for update skip locked) d
     where r.store_id = d.store_id and r.out_refund_no = d.out_refund_no
     returning r.store_id, r.out_refund_no, r.order_id, r.amount_fen, r.total_fen, r.reason, r.status, r.attempts`,
    [now + LEASE_MS, now, limit],
  )
  let requested = 0
  await Promise.all(
    rows.map(async (row) => {
      const answer = await api
        .create(row.store_id, {
          out_trade_no: row.order_id,
          out_refund_no: row.out_refund_no,
          reason: row.reason,
          amount: { refund: Number(row.amount_fen), total: Number(row.total_fen), currency: 'CNY' },
        })
        .catch((err: Error) => ({ status: 500 as const, body: { code: 'SYSTEM_ERROR', message: err.message } }))
      const attempts = Number(row.attempts)
      if (answer.status === 200) {
        requested++
        await s.db.query(
          `update refund_sagas set status = 'requested', refund_id = $3, next_attempt_ms = $4, last_error = null
           where store_id = $1 and out_refund_no = $2 and status in ('pending', 'requested')`,
          [row.store_id, row.out_refund_no, answer.body.refund_id, now + AWAIT_NOTIFY_MS],
        )
        return
      }
      const retry = answer.status >= 500 || answer.status === 429 || RETRYABLE.has(answer.body.code)
      const failed = !retry || attempts >= 20
      s.log.warn({ outRefundNo: row.out_refund_no, answer, attempts }, 'refund refused by the payment channel')
      await s.db.query(
        `update refund_sagas set status = $3, next_attempt_ms = $4, last_error = $5
         where store_id = $1 and out_refund_no = $2 and status in ('pending', 'requested')`,
        [
          row.store_id,
          row.out_refund_no,
          failed ? 'failed' : row.status,
          now + Math.min(300_000, 1_000 * 2 ** attempts),
          `${answer.body.code}: ${answer.body.message}`,
        ],
      )
    }),
  )
  await api.redeliver()
  return requested
}

/**
 * The follower's hook that completes sagas: WeChat Pay's REFUND.SUCCESS for an out_refund_no we owe, once
 * ingested, settles its saga and refunds a 拼团 seat waiting for it. Normally the order then carries
 * `wechatpay:<out_refund_no>`; a notification the ingest path could not match to an order (logged
 * `refund.unmatched` with its command) proves the money went back all the same.
 */
export const onRefundSettled: AnyHandler = {
  // An order holding a WeChat Pay refund, or a refund that arrived before its order.
  sees: `p->>'type' = 'refund.unmatched' or jsonb_path_exists(p, '$.order.refunds.keyvalue() ? (@.key starts with "wechatpay:")')`,
  handle: settleRefunds,
}

async function settleRefunds(ctx: FollowContext, ev: LogEvent): Promise<void> {
  let orderId: string
  let nos: string[]
  if (ev.order) {
    orderId = ev.order.id
    nos = Object.keys(ev.order.refunds)
      .filter((k) => k.startsWith('wechatpay:'))
      .map((k) => k.slice('wechatpay:'.length))
  } else {
    const cmd = ev.detail.command as
      | { kind?: string; state?: string; externalId?: string; refundId?: string }
      | undefined
    if (ev.type !== 'refund.unmatched' || cmd?.kind !== 'refund' || cmd.state !== 'succeeded') return
    orderId = String(cmd.externalId)
    nos = [String(cmd.refundId)]
  }
  if (nos.length === 0) return
  const done = await ctx.tx.query(
    `update refund_sagas set status = 'succeeded', updated_ms = $4
     where store_id = $1 and order_id = $2 and out_refund_no = any($3) and status <> 'succeeded'
     returning out_refund_no`,
    [ctx.storeId, orderId, nos, ctx.now],
  )
  if (done.length > 0) {
    await ctx.tx.query(
      `update group_members set status = 'refunded' where store_id = $1 and order_id = $2 and status = 'refunding'`,
      [ctx.storeId, orderId],
    )
  }
}
