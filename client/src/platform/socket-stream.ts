import type { SocketConstructor, SocketLike } from './socket'
import type { StreamEvent, StreamHandle, StreamOptions } from './stream'
import { StreamStatus, withQuery } from './stream-status'

const MIN_RETRY_MS = 1_000
const MAX_RETRY_MS = 30_000

/**
 * The stream over a WebSocket, for platforms without EventSource. Each text frame is one event's data
 * as a JSON object; its `seq` (or `id`) field is the event id. `{"type":"heartbeat"}` frames and frames
 * that are not JSON objects are dropped. Reconnects with exponential backoff and resumes after the
 * last delivered id, as EventSource would.
 */
export function openSocketStream(
  options: StreamOptions,
  Socket: SocketConstructor,
  socketUrl: (baseUrl: string, path: string) => string,
): StreamHandle {
  const { baseUrl, socketPath, query, onEvent, onStatus } = options
  let after = options.after
  let socket: SocketLike | null = null
  let retryMs = MIN_RETRY_MS
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const connect = () => {
    onStatus?.(StreamStatus.connecting)
    const current = new Socket(withQuery(socketUrl(baseUrl, socketPath), { ...query, after }))
    socket = current
    current.onopen = () => {
      retryMs = MIN_RETRY_MS
      onStatus?.(StreamStatus.open)
    }
    current.onmessage = ({ data }) => {
      if (typeof data !== 'string') return
      const event = decodeFrame(data)
      if (event === undefined) return
      if (event.id !== undefined) after = event.id
      onEvent(event)
    }
    current.onclose = () => {
      if (closed || socket !== current) return
      socket = null
      onStatus?.(StreamStatus.connecting)
      retryTimer = setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
    }
  }

  connect()
  return {
    close() {
      if (closed) return
      closed = true
      clearTimeout(retryTimer)
      socket?.close()
      socket = null
      onStatus?.(StreamStatus.closed)
    },
  }
}

function decodeFrame(text: string): StreamEvent | undefined {
  let frame: unknown
  try {
    frame = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return undefined
  const { seq, id, type } = frame as Record<string, unknown>
  if (type === 'heartbeat') return undefined
  const key = seq ?? id
  return { id: typeof key === 'string' || typeof key === 'number' ? String(key) : undefined, data: text }
}
