import type { FulfilmentStatus, Order } from './order'
import { FULFILMENT_MILESTONES } from './order'

/**
 * The delta replica of a reported status change — a channel's accept, cancel or hand-over ([ORD-13]):
 * the status, its milestone time, `updatedAt` and a cancel's reason, nothing else. It checks no
 * transition and records no acceptance, unlike `applyOrderEvent`: it is meant to be joined with
 * `mergeOrders`, which keeps the higher status, the earliest time of each milestone and the latest
 * `updatedAt`, so a late or repeated report never takes the order back.
 */
export function withStatus(order: Order, status: FulfilmentStatus, at: number, reason?: string): Order {
  const field = FULFILMENT_MILESTONES[status]
  const timestamps = { ...order.timestamps, updatedAt: Math.max(order.timestamps.updatedAt, at) }
  if (field) timestamps[field] = at
  return {
    ...order,
    fulfilment: status,
    cancelReason: status === 'cancelled' ? (reason ?? '') : order.cancelReason,
    timestamps,
  }
}
