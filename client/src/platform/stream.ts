/**
 * A resumable server-sent event stream, shaped after the BFF's per-store order stream
 * (`/api/stores/:storeId/stream`): h5 uses `EventSource` on `path`; weapp has no EventSource and falls
 * back to the WebSocket twin on `socketPath`, which sends each event's data as one JSON text frame.
 *
 * Resuming: the first connection asks for the events after `after` (query parameter `after`).
 * Reconnections resume after the last event delivered: EventSource sends the `Last-Event-ID` header
 * itself; the socket fallback sends `after` again, taken from the frame's `seq` (or `id`) field.
 */

import type { StreamStatus } from './stream-status'
import { unavailable } from './unavailable'

export { StreamStatus } from './stream-status'

export interface StreamEvent {
  /** The SSE `id:` field (the log sequence), when the server sent one. */
  readonly id: string | undefined
  /** The event's data, usually JSON. */
  readonly data: string
}

export interface StreamOptions {
  /** The BFF base URL (`''` = same origin). */
  readonly baseUrl: string
  /** SSE endpoint below the base URL. */
  readonly path: string
  /** WebSocket twin of `path`, for platforms without EventSource. */
  readonly socketPath: string
  /** The SSE `event:` name that carries the data; 'message' when the server sends no `event:` line. */
  readonly event?: string
  /** Deliver only the events after this id. */
  readonly after?: string
  /** Extra query parameters, such as `access_token`: neither EventSource nor the mini-program can set headers. */
  readonly query?: Readonly<Record<string, string>>
  readonly onEvent: (event: StreamEvent) => void
  /** 'closed' after `close()`, or when the server refuses the stream for good. */
  readonly onStatus?: (status: StreamStatus) => void
}

export interface StreamHandle {
  close(): void
}

export type OpenStream = (options: StreamOptions) => StreamHandle

export const openStream: OpenStream = () => unavailable('stream')
