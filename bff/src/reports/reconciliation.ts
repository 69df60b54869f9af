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
import { type TradeBill, beijingDay } from './tradebill'

interface PaymentRow {
  transaction_id: string
  out_trade_no: string
  amount_fen: number
  paid_at: string | number
}

const mismatch = (m: Partial<Mismatch> & Pick<Mismatch, 'reason' | 'message'>): Mismatch => ({
  orderId: null,
  transactionId: null,
  refundId: null,
  expectedFen: null,
  actualFen: null,
  line: null,
  ...m,
})

async function ordersByIds(db: Sql, storeId: string, ids: readonly string[]): Promise<Map<string, Order>> {
  if (ids.length === 0) return new Map()
  const rows = await db.query<{ doc: string }>(
    'select doc::text as doc from orders where store_id = $1 and id = any($2::text[])',
    [storeId, ids],
  )
  return new Map(rows.map((r) => JSON.parse(r.doc) as Order).map((o) => [o.id, o]))
}

async function paymentsIn(db: Sql, storeId: string, range: InstantRange): Promise<PaymentRow[]> {
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

/**
 * Matches a trade bill line by line: each payment row to a payment notification (by 微信订单号, else
 * 商户订单号) with the same amount, each refund row to a refund recorded on its order, and every
 * notification of the bill's day that the bill does not list.
 */
export async function matchTradeBill(
  db: Sql,
  storeId: string,
  bill: TradeBill,
  importedAt: number,
): Promise<TradeBillResult> {
  const days = new Map<string, number>()
  for (const l of bill.lines) days.set(beijingDay(l.at), (days.get(beijingDay(l.at)) ?? 0) + 1)
  const billDay = [...days.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? beijingDay(importedAt)
  const start = Date.parse(`${billDay}T00:00:00+08:00`)
  const inDay = await paymentsIn(db, storeId, { start, end: start + 86_400_000 })
  const txIds = bill.lines.map((l) => l.transactionId)
  const outNos = bill.lines.map((l) => l.outTradeNo)
  const known = await db.query<PaymentRow>(
    `select transaction_id, out_trade_no, amount_fen, paid_at from payments
      where store_id = $1 and provider = 'wechatpay' and (transaction_id = any($2::text[]) or out_trade_no = any($3::text[]))`,
    [storeId, txIds, outNos],
  )
  const byTx = new Map(known.map((p) => [p.transaction_id, p]))
  const byOut = new Map(known.map((p) => [p.out_trade_no, p]))
  const orders = await ordersByIds(db, storeId, outNos)
  const mismatches: Mismatch[] = []
  const seen = new Set<string>()
  let matched = 0
  const payments = { count: 0, amountFen: 0 }
  const refunds = { count: 0, amountFen: 0 }
  for (const l of bill.lines) {
    if (l.status === 'REFUND') {
      refunds.count++
      refunds.amountFen += l.refundFen
      const o = orders.get(l.outTradeNo)
      const r = o
        ? Object.values(o.refunds).find(
            (x) => x.id === `wechatpay:${l.outRefundNo}` || x.id === `wechatpay:${l.refundId}`,
          )
        : undefined
      if (!r || r.amountFen !== l.refundFen) {
        mismatches.push(
          mismatch({
            reason: R.billRefundNotInSystem,
            orderId: o?.id ?? null,
            transactionId: l.transactionId,
            refundId: l.outRefundNo || l.refundId,
            expectedFen: r?.amountFen ?? null,
            actualFen: l.refundFen,
            line: l.line,
            message: r
              ? `账单退款 ${yuan(l.refundFen)} 元与系统记录 ${yuan(r.amountFen)} 元不符`
              : `账单中的退款 ${l.outRefundNo || l.refundId} 在系统中没有记录`,
          }),
        )
      } else matched++
      continue
    }
    payments.count++
    payments.amountFen += l.orderFen
    const p = byTx.get(l.transactionId) ?? byOut.get(l.outTradeNo)
    if (!p) {
      mismatches.push(
        mismatch({
          reason: R.notInSystem,
          transactionId: l.transactionId,
          actualFen: l.orderFen,
          line: l.line,
          message: `账单中的支付 ${l.transactionId}(商户单号 ${l.outTradeNo})没有收到通知`,
        }),
      )
      continue
    }
    seen.add(p.transaction_id)
    const status = l.status === 'REVOKED' ? 0 : l.orderFen
    if (Number(p.amount_fen) !== status) {
      mismatches.push(
        mismatch({
          reason: R.billAmountMismatch,
          transactionId: p.transaction_id,
          orderId: orders.get(p.out_trade_no)?.id ?? null,
          expectedFen: Number(p.amount_fen),
          actualFen: status,
          line: l.line,
          message:
            l.status === 'REVOKED'
              ? '账单显示该笔支付已撤销'
              : `账单金额 ${yuan(l.orderFen)} 元与通知金额 ${yuan(Number(p.amount_fen))} 元不符`,
        }),
      )
    } else matched++
  }
  for (const p of inDay) {
    if (seen.has(p.transaction_id)) continue
    mismatches.push(
      mismatch({
        reason: R.notInBill,
        transactionId: p.transaction_id,
        orderId: orders.get(p.out_trade_no)?.id ?? null,
        expectedFen: Number(p.amount_fen),
        message: `收到的支付通知 ${p.transaction_id} 不在 ${billDay} 的账单中`,
      }),
    )
  }
  const settlement = bill.lines.reduce((s, l) => s + l.settlementFen, 0)
  const refundSum = bill.lines.reduce((s, l) => s + l.refundFen, 0)
  const summary = bill.summary
  const consistent =
    summary !== null &&
    summary.rows === bill.lines.length &&
    summary.settlementFen === settlement &&
    summary.refundFen === refundSum
  if (!consistent) {
    mismatches.push(
      mismatch({
        reason: R.billSummaryMismatch,
        expectedFen: summary?.settlementFen ?? null,
        actualFen: settlement,
        message: summary
          ? `账单汇总(${summary.rows} 笔,${yuan(summary.settlementFen)} 元)与明细(${bill.lines.length} 笔,${yuan(settlement)} 元)不符`
          : '账单缺少汇总行',
      }),
    )
  }
  return {
    billDay,
    importedAt,
    rows: bill.lines.length,
    payments,
    refunds,
    summary: {
      declaredRows: summary?.rows ?? 0,
      declaredOrderFen: summary?.orderFen ?? summary?.settlementFen ?? 0,
      declaredRefundFen: summary?.refundFen ?? 0,
      consistent,
    },
    matched,
    mismatches,
  }
}
