import { type Channel, type FulfilmentStatus, type Order, applyOrderEvent, formatPickupNumber } from '@xiaodian/domain'
import type { PendingMove } from './move-queue'

/** A column of the board. */
export interface BoardColumn {
  readonly key: 'new' | 'accepted' | 'making' | 'ready' | 'finished'
  readonly title: string
  readonly orders: readonly Order[]
}

const ACTIVE: readonly { key: BoardColumn['key']; title: string; status: FulfilmentStatus }[] = [
  { key: 'new', title: '新订单', status: 'submitted' },
  { key: 'accepted', title: '已接单', status: 'accepted' },
  { key: 'making', title: '制作中', status: 'making' },
  { key: 'ready', title: '待取餐', status: 'ready' },
]

/** How many finished orders the last column keeps. */
export const FINISHED_SHOWN = 30

/** An order as the board shows it: with the undoable move already applied. */
export function projected(order: Order, pending: PendingMove | null): Order {
  if (pending === null || pending.orderId !== order.id) return order
  const moved = applyOrderEvent(order, pending.event)
  return moved.ok ? moved.value : order
}

const finishedAt = (o: Order) => o.timestamps.doneAt ?? o.timestamps.cancelledAt ?? o.timestamps.updatedAt

/**
 * Splits orders into the board's columns: the four working columns hold every open order, oldest first
 * (first come, first made); the last holds today's done and cancelled orders, newest first.
 */
export function boardColumns(orders: readonly Order[], today: string, pending: PendingMove | null): BoardColumn[] {
  const shown = orders.map((o) => projected(o, pending))
  const columns: BoardColumn[] = ACTIVE.map(({ key, title, status }) => ({
    key,
    title,
    orders: shown
      .filter((o) => o.fulfilment === status)
      .sort((a, b) => a.timestamps.createdAt - b.timestamps.createdAt || (a.id < b.id ? -1 : 1)),
  }))
  const finished = shown
    .filter((o) => (o.fulfilment === 'done' || o.fulfilment === 'cancelled') && o.businessDay === today)
    .sort((a, b) => finishedAt(b) - finishedAt(a))
    .slice(0, FINISHED_SHOWN)
  columns.push({ key: 'finished', title: '已完成', orders: finished })
  return columns
}

/** The channel badge text. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  meituan: '美团',
  eleme: '饿了么',
  miniprogram: '小程序',
  pos: '堂食',
  group: '拼单',
  subscription: '订阅',
}

/** The badge of an order: its channel, and for the counter whether it is eaten in or taken away. */
export function channelLabel(order: Order): string {
  if (order.channel === 'pos' && order.fulfilmentType === 'pickup') return '外带'
  return CHANNEL_LABELS[order.channel]
}

/** The number staff call out: `M012` for Meituan, `A1003` for the counter; the id's tail without one. */
export function pickupLabel(order: Order): string {
  if (order.pickupNumber === null) return `#${order.id.slice(-4)}`
  const prefix = order.channel === 'meituan' ? 'M' : order.channel === 'eleme' ? 'E' : 'A'
  return formatPickupNumber(order.pickupNumber, prefix)
}

/** Whole seconds since the order came in. */
export function ageSeconds(order: Order, now: number): number {
  return Math.max(0, Math.floor((now - order.timestamps.createdAt) / 1000))
}

/** `3:07`, `1:02:45`. */
export function formatAge(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** Whether an open order is late: older than the threshold and not yet handed over. */
export function isLate(order: Order, now: number, redAfterMinutes: number): boolean {
  const open = order.fulfilment !== 'done' && order.fulfilment !== 'cancelled'
  return open && ageSeconds(order, now) >= redAfterMinutes * 60
}
