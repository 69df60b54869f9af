import { type Order, paidFen, refundedFen } from '@xiaodian/domain'
import {
  type Mismatch,
  RECONCILIATION_REASONS as R,
  type ReconciliationResponse,
  type TradeBillResult,
} from '@xiaodian/shared'
import type { Sql } from '../db/database'
import type { ChannelCommand } from '../ingest/command'
import { yuan } from './csv'
import type { InstantRange } from './order-source'

/** A payment notification as stored. */
export interface PaymentRow {
  transaction_id: string
  out_trade_no: string
  amount_fen: number
  paid_at: string | number
}

/** A mismatch with the fields it does not set left null. */
export const mismatch = (m: Partial<Mismatch> & Pick<Mismatch, 'reason' | 'message'>): Mismatch => ({
  orderId: null,
  transactionId: null,
  refundId: null,
  expectedFen: null,
  actualFen: null,
  line: null,
  ...m,
})

/** Orders by id. */
export async function ordersByIds(db: Sql, storeId: string, ids: readonly string[]): Promise<Map<string, Order>> {
  if (ids.length === 0) return new Map()
  const rows = await db.query<{ doc: string }>(
    'select doc::text as doc from orders where store_id = $1 and id = any($2::text[])',
    [storeId, ids],
  )
  return new Map(rows.map((r) => JSON.parse(r.doc) as Order).map((o) => [o.id, o]))
}

/** WeChat Pay notifications paid in the range. */
export async function paymentsIn(db: Sql, storeId: string, range: InstantRange): Promise<PaymentRow[]> {
  return db.query<PaymentRow>(
    `select transaction_id, out_trade_no, amount_fen, paid_at from payments
      where store_id = $1 and provider = 'wechatpay' and paid_at >= $2 and paid_at < $3 order by paid_at`,
    [storeId, range.start, range.end],
  )
}

const wechatPaid = (o: Order) =>
  Object.values(o.payments).filter((p) => p.method === 'wechatpay' || p.id.startsWith('wechatpay:'))

/**
 * One business day side by side: the channels' orders, WeChat Pay's payment notifications and the
 * refunds, with every disagreement and its reason. Mini-program orders are paid through WeChat Pay, so
 * each needs exactly one notification of the order's total; Meituan collects its own money and the
 * counter takes cash or a QR code, so those are reported but not matched to notifications.
 */
export async function reconcileDay(
  db: Sql,
  storeId: string,
  day: string,
  range: InstantRange,
  orders: readonly Order[],
  tradeBill: TradeBillResult | null,
): Promise<ReconciliationResponse> {
  const mismatches: Mismatch[] = []
  let matched = 0
  const channels: ReconciliationResponse['channels'] = {}
  const created = orders.filter((o) => o.timestamps.createdAt >= range.start && o.timestamps.createdAt < range.end)
  for (const o of orders) {
    const ch = channels[o.channel] ?? { orders: 0, totalFen: 0, paidFen: 0, refundFen: 0 }
    channels[o.channel] = ch
    for (const r of Object.values(o.refunds)) if (r.at >= range.start && r.at < range.end) ch.refundFen += r.amountFen
  }
  for (const o of created) {
    const ch = channels[o.channel] as ReconciliationResponse['channels'][string]
    const paid = paidFen(o)
    const refunded = refundedFen(o)
    if (o.fulfilment !== 'cancelled') {
      ch.orders++
      ch.totalFen += o.amounts.totalFen
      ch.paidFen += paid
    }
    if (refunded > paid && paid > 0) {
      mismatches.push(
        mismatch({
          reason: R.refundExceedsPayment,
          orderId: o.id,
          expectedFen: paid,
          actualFen: refunded,
          message: `退款 ${yuan(refunded)} 元超过实收 ${yuan(paid)} 元`,
        }),
      )
    }
    if (o.fulfilment === 'cancelled') {
      if (paid > refunded) {
        mismatches.push(
          mismatch({
            reason: R.cancelledNotRefunded,
            orderId: o.id,
            expectedFen: paid,
            actualFen: refunded,
            message: `订单已取消,但实收 ${yuan(paid)} 元只退了 ${yuan(refunded)} 元`,
          }),
        )
      }
      continue
    }
    if (o.channel !== 'miniprogram') continue
    const wx = wechatPaid(o)
    if (wx.length === 0) {
      mismatches.push(
        mismatch({
          reason: R.orderWithoutPayment,
          orderId: o.id,
          expectedFen: o.amounts.totalFen,
          actualFen: 0,
          message: '小程序订单没有收到微信支付通知',
        }),
      )
    } else if (wx.length > 1) {
      mismatches.push(
        mismatch({
          reason: R.paidTwice,
          orderId: o.id,
          transactionId: wx.map((p) => p.id.replace(/^wechatpay:/, '')).join(' '),
          expectedFen: o.amounts.totalFen,
          actualFen: wx.reduce((s, p) => s + p.amountFen, 0),
          message: `同一订单收到 ${wx.length} 笔微信支付`,
        }),
      )
    }
  }

  const payments = await paymentsIn(db, storeId, range)
  const payOrders = await ordersByIds(
    db,
    storeId,
    payments.map((p) => p.out_trade_no),
  )
  for (const p of payments) {
    const o = payOrders.get(p.out_trade_no)
    if (!o) {
      mismatches.push(
        mismatch({
          reason: R.paymentWithoutOrder,
          transactionId: p.transaction_id,
          actualFen: Number(p.amount_fen),
          message: `微信支付 ${yuan(Number(p.amount_fen))} 元(商户单号 ${p.out_trade_no})没有对应订单`,
        }),
      )
    } else if (Number(p.amount_fen) !== o.amounts.totalFen) {
      mismatches.push(
        mismatch({
          reason: R.amountMismatch,
          orderId: o.id,
          transactionId: p.transaction_id,
          expectedFen: o.amounts.totalFen,
          actualFen: Number(p.amount_fen),
          message: `支付金额 ${yuan(Number(p.amount_fen))} 元与订单金额 ${yuan(o.amounts.totalFen)} 元不符`,
        }),
      )
    } else matched++
  }

  const orphans = await db.query<{ command: string }>(
    `select command::text as command from orphan_commands where store_id = $1 and command->>'kind' = 'refund'`,
    [storeId],
  )
  for (const row of orphans) {
    const c = JSON.parse(row.command) as Extract<ChannelCommand, { kind: 'refund' }>
    if (c.at < range.start || c.at >= range.end) continue
    mismatches.push(
      mismatch({
        reason: R.refundWithoutOrder,
        refundId: c.refundId,
        actualFen: c.amountFen ?? null,
        message: `退款 ${c.refundId} 找不到订单 ${c.externalId}`,
      }),
    )
  }

  const refunds = orders.flatMap((o) => Object.values(o.refunds).filter((r) => r.at >= range.start && r.at < range.end))
  return {
    storeId,
    day,
    channels,
    payments: { count: payments.length, amountFen: payments.reduce((s, p) => s + Number(p.amount_fen), 0) },
    refunds: { count: refunds.length, amountFen: refunds.reduce((s, r) => s + r.amountFen, 0) },
    matched,
    mismatches,
    tradeBill,
  }
}
