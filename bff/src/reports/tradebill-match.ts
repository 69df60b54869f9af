import { type Mismatch, RECONCILIATION_REASONS as R, type TradeBillResult } from '@xiaodian/shared'
import type { Sql } from '../db/database'
import { yuan } from './csv'
import { mismatch, ordersByIds, type PaymentRow, paymentsIn } from './reconciliation'
import { beijingDay, type TradeBill } from './tradebill'

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
