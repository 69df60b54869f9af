/**
 * A resumable server-sent event stream (the per-store order log). h5 uses `EventSource` on `path`;
 * weapp has no EventSource and falls back to a WebSocket on `socketPath` that carries the same events
 * as JSON text frames `{ "id": "42", "type": "order", "data": "…" }`.
 *
 * Resuming: the first connection asks for events after `lastEventId` with the query parameter
 * `lastEventId`; reconnections resume after the last event delivered (EventSource sends the
 * `Last-Event-ID` header itself; the socket fallback uses the query parameter again).
 */

import type { StreamStatus } from './stream-status'
import { unavailable } from './unavailable'

export { StreamStatus } from './stream-status'

export interface StreamEvent {
  /** The SSE `id:` field, when the server sent one. */
  readonly id: string | undefined
  /** The SSE `event:` field; 'message' when absent. */
  readonly type: string
  readonly data: string
}

export interface StreamOptions {
  /** The BFF base URL (`''` = same origin). */
  readonly baseUrl: string
  /** SSE endpoint below the base URL. */
  readonly path: string
  /** WebSocket twin of `path`, for platforms without EventSource. */
  readonly socketPath: string
  /** Deliver only events after this id. */
  readonly lastEventId?: string
  /** Named event types to deliver besides 'message' (EventSource only hands out the names it is told). */
  readonly types?: readonly string[]
  readonly onEvent: (event: StreamEvent) => void
  /** 'closed' after `close()` or when the server refuses the stream for good. */
  readonly onStatus?: (status: StreamStatus) => void
}

export interface StreamHandle {
  close(): void
}

export type OpenStream = (options: StreamOptions) => StreamHandle

export const openStream: OpenStream = () => unavailable('stream')
