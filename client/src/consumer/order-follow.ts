import type { OrderView } from './api'
import type { OpenStream, StreamHandle, StreamStatus } from '@/platform/stream'
import { isNewer, parseOrderFrame } from './order-status'

export interface FollowOrderOptions {
  readonly baseUrl: string
  readonly storeId: string
  readonly orderId: string
  readonly token: string
  readonly openStream: OpenStream
  readonly onOrder: (order: OrderView) => void
  readonly onStatus?: (status: StreamStatus) => void
}

/**
 * Follows one order live: SSE on h5, the WebSocket twin on weapp (the platform stream adapter picks). Each
 * frame carries the whole order, so a missed frame is healed by the next one and a reconnect starts with
 * a snapshot.
 */
export function followOrder(options: FollowOrderOptions): StreamHandle {
  const path = `/api/stores/${encodeURIComponent(options.storeId)}/my-orders/${encodeURIComponent(options.orderId)}/stream`
  let latest: OrderView | undefined
  return options.openStream({
    baseUrl: options.baseUrl,
    path,
    socketPath: `${path}/ws`,
    event: 'order',
    query: { access_token: options.token },
    onEvent: (event) => {
      const frame = parseOrderFrame(event.data)
      if (frame === undefined || frame.order.id !== options.orderId || !isNewer(latest, frame.order)) return
      latest = frame.order
      options.onOrder(frame.order)
    },
    ...(options.onStatus ? { onStatus: options.onStatus } : {}),
  })
}
