import type { Sql } from '../db/database'

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
