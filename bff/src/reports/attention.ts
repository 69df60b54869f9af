import type { Order } from '@xiaodian/domain'
import { ATTENTION_KINDS, type AttentionItem, type AttentionResponse } from '@xiaodian/shared'
import type { Database } from '../db/database'
import type { ChannelCommand } from '../ingest/command'
import { yuan } from './csv'
import { syncReports } from './report-sync'

const MINUTE = 60_000
/** A payment may arrive a moment before its order; only one still alone after this is trouble. */
export const ORPHAN_GRACE_MS = 2 * MINUTE

/** How long is too long. */
export interface AttentionThresholds {
  readonly acceptMinutes: number
  readonly doneMinutes: number
}

/**
 * What needs the owner now, read from the order stream's tables: Meituan orders nobody accepted, payments
 * for orders that never arrived, paid orders not done, and refunds nobody has answered. Reads only open
 * orders (a partial index of the report projection), waiting commands and refund events (a partial index), so it stays cheap on a
 * busy day.
 */
export async function needsAttention(
  db: Database,
  storeId: string,
  now: number,
  t: AttentionThresholds,
): Promise<AttentionResponse> {
  const items: AttentionItem[] = []
  // Read first: whatever happens after this position reaches the caller through the stream.
  const head = await db.query<{ seq: string | number }>('select seq from store_log_head where store_id = $1', [storeId])
  const seq = Number(head[0]?.seq ?? 0)
  const minutes = (since: number) => Math.max(0, Math.floor((now - since) / MINUTE))

  await syncReports(db, storeId)
  const open = await db.query<{ doc: string }>(
    `select o.doc::text as doc from report_orders r join orders o on o.store_id = r.store_id and o.id = r.order_id
      where r.store_id = $1 and r.slim->>'fulfilment' not in ('done', 'cancelled') and r.created_ms < $2`,
    [storeId, now - Math.min(t.acceptMinutes, t.doneMinutes) * MINUTE],
  )
  for (const row of open) {
    const o = JSON.parse(row.doc) as Order
    const since = o.timestamps.createdAt
    const base = {
      orderId: o.id,
      channel: o.channel,
      pickupNumber: o.pickupNumber,
      since,
      waitingMinutes: minutes(since),
    }
    if (o.channel === 'meituan' && o.fulfilment === 'submitted' && now - since >= t.acceptMinutes * MINUTE) {
      items.push({
        ...base,
        kind: ATTENTION_KINDS.meituanNotAccepted,
        key: `${ATTENTION_KINDS.meituanNotAccepted}:${o.id}`,
        amountFen: o.amounts.totalFen,
        detail: `美团订单 ${o.externalId ?? o.id} 已 ${minutes(since)} 分钟未接单`,
      })
    } else if ((o.payment === 'paid' || o.payment === 'partially_refunded') && now - since >= t.doneMinutes * MINUTE) {
      items.push({
        ...base,
        kind: ATTENTION_KINDS.paidNotDone,
        key: `${ATTENTION_KINDS.paidNotDone}:${o.id}`,
        amountFen: o.amounts.totalFen,
        detail: `已付款 ${minutes(since)} 分钟仍未完成(${STATUS_NAMES[o.fulfilment] ?? o.fulfilment})`,
      })
    }
  }

  const waiting = await db.query<{ command: string }>(
    'select command::text as command from orphan_commands where store_id = $1',
    [storeId],
  )
  for (const row of waiting) {
    const cmd = JSON.parse(row.command) as ChannelCommand
    if (now - cmd.at < ORPHAN_GRACE_MS) continue
    if (cmd.kind === 'payment.succeeded') {
      items.push({
        kind: ATTENTION_KINDS.paymentWithoutOrder,
        key: `${ATTENTION_KINDS.paymentWithoutOrder}:${cmd.transactionId}`,
        orderId: null,
        channel: 'wechatpay',
        pickupNumber: null,
        since: cmd.at,
        waitingMinutes: minutes(cmd.at),
        amountFen: cmd.amountFen,
        detail: `微信支付 ${yuan(cmd.amountFen)} 元(商户单号 ${cmd.outTradeNo})没有对应订单`,
      })
    } else if (cmd.kind === 'refund') {
      items.push({
        kind: ATTENTION_KINDS.refundWaiting,
        key: `${ATTENTION_KINDS.refundWaiting}:${cmd.channel}:${cmd.refundId}`,
        orderId: null,
        channel: cmd.channel,
        pickupNumber: null,
        since: cmd.at,
        waitingMinutes: minutes(cmd.at),
        amountFen: cmd.amountFen ?? 0,
        detail: `退款 ${cmd.refundId} 找不到订单 ${cmd.externalId}`,
      })
    }
  }

  // The latest state of each refund; one still `requested` is waiting for the shop's answer.
  const refunds = await db.query<{ order_id: string | null; detail: string; at: string | number; doc: string | null }>(
    `select distinct on (order_id, payload->'detail'->>'refundId')
            order_id, payload->'detail' #>> '{}' as detail, payload->>'at' as at, payload->'order' #>> '{}' as doc
       from order_events
      where store_id = $1 and type = 'refund'
      order by order_id, payload->'detail'->>'refundId', seq desc`,
    [storeId],
  )
  for (const r of refunds) {
    const d = JSON.parse(r.detail) as { refundId: string; state: string; amountFen?: number }
    if (d.state !== 'requested') continue
    const o = r.doc ? (JSON.parse(r.doc) as Order) : null
    const since = Number(r.at)
    items.push({
      kind: ATTENTION_KINDS.refundWaiting,
      key: `${ATTENTION_KINDS.refundWaiting}:${r.order_id}:${d.refundId}`,
      orderId: r.order_id,
      channel: o?.channel ?? null,
      pickupNumber: o?.pickupNumber ?? null,
      since,
      waitingMinutes: minutes(since),
      amountFen: d.amountFen ?? o?.amounts.totalFen ?? 0,
      detail: `顾客申请退款,等待处理(${o?.externalId ?? r.order_id})`,
    })
  }

  items.sort((a, b) => a.since - b.since || (a.key < b.key ? -1 : 1))
  const counts: Record<string, number> = Object.fromEntries(Object.values(ATTENTION_KINDS).map((k) => [k, 0]))
  for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1
  return { storeId, now, seq, acceptMinutes: t.acceptMinutes, doneMinutes: t.doneMinutes, items, counts }
}

const STATUS_NAMES: Record<string, string> = {
  submitted: '待接单',
  accepted: '已接单',
  making: '制作中',
  ready: '待取餐',
}
