import type { OrderView } from './api'
import type { FulfilmentStatus } from '@xiaodian/domain'
import { ReplicatedOrder } from '@xiaodian/shared'

/** The steps a consumer sees, in order. */
export const TRACK_STEPS = ['submitted', 'making', 'ready', 'done'] as const
export type TrackStep = (typeof TRACK_STEPS)[number]

const STEP_LABEL: Record<TrackStep, string> = {
  submitted: '已下单',
  making: '制作中',
  ready: '可取餐',
  done: '已完成',
}

/** The step an order is at (`accepted` shows as submitted: the customer waits either way). */
export function trackStep(fulfilment: FulfilmentStatus): TrackStep | null {
  switch (fulfilment) {
    case 'submitted':
    case 'accepted':
      return 'submitted'
    case 'making':
      return 'making'
    case 'ready':
      return 'ready'
    case 'done':
      return 'done'
    case 'cancelled':
      return null
  }
}

export function stepLabel(step: TrackStep, order: Pick<OrderView, 'fulfilmentType'>): string {
  if (step === 'ready' && order.fulfilmentType === 'delivery') return '待配送'
  return STEP_LABEL[step]
}

/** One short status line: what the customer should know now. */
export function statusText(order: Pick<OrderView, 'fulfilment' | 'payment' | 'fulfilmentType'>): string {
  if (order.fulfilment === 'cancelled') return '已取消'
  if (order.payment === 'unpaid' && order.fulfilment === 'submitted') return '待支付'
  if (order.payment === 'refunded') return '已退款'
  if (order.fulfilment === 'accepted') return '已接单'
  const step = trackStep(order.fulfilment)
  return step === null ? '已取消' : stepLabel(step, order)
}

/** A hint under the status: what happens next. */
export function statusHint(order: Pick<OrderView, 'fulfilment' | 'payment' | 'fulfilmentType'>): string {
  if (order.fulfilment === 'cancelled') return '订单已取消, 如已付款将原路退回'
  if (order.payment === 'unpaid') return '请在 15 分钟内完成支付'
  switch (order.fulfilment) {
    case 'submitted':
    case 'accepted':
      return '门店已收到订单, 马上为你制作'
    case 'making':
      return '正在制作, 请稍候'
    case 'ready':
      return order.fulfilmentType === 'delivery' ? '已做好, 等待骑手取餐' : '已做好, 请凭取餐号到柜台取餐'
    default:
      return '感谢光临'
  }
}

export const FULFILMENT_LABEL = { pickup: '到店自取', delivery: '外卖配送', dine_in: '堂食' } as const

/** The pickup number as the counter calls it: at least three digits. */
export function pickupLabel(order: Pick<OrderView, 'pickupNumber'>): string {
  return order.pickupNumber === null ? '--' : String(order.pickupNumber).padStart(3, '0')
}

/**
 * A frame of the consumer order stream (`GET …/my-orders/:orderId/stream`): `{ seq, type, orderId, order }`.
 * Undefined for anything else (heartbeats, frames of another shape).
 */
export function parseOrderFrame(data: string): { seq: number; order: OrderView } | undefined {
  let frame: unknown
  try {
    frame = JSON.parse(data)
  } catch {
    return undefined
  }
  if (typeof frame !== 'object' || frame === null) return undefined
  const { seq, order } = frame as { seq?: unknown; order?: unknown }
  const parsed = ReplicatedOrder.safeParse(order)
  if (typeof seq !== 'number' || !parsed.success) return undefined
  return { seq, order: parsed.data }
}

/** Whether `next` is news compared to `current` (the stream may repeat the snapshot after a reconnect). */
export function isNewer(current: OrderView | undefined, next: OrderView): boolean {
  return current === undefined || next.timestamps.updatedAt >= current.timestamps.updatedAt
}
