import type { SocketConstructor, SocketLike } from './socket'
import type { StreamEvent, StreamHandle, StreamOptions } from './stream'
import { StreamStatus, withLastEventId } from './stream-status'

const MIN_RETRY_MS = 1_000
const MAX_RETRY_MS = 30_000

/**
 * The stream over a WebSocket, for platforms without EventSource. Each text frame is one event as JSON
 * (`{ id?, type?, data }`); frames that do not parse are skipped. Reconnects with exponential backoff and
 * resumes after the last delivered id, as EventSource would.
 */
export function openSocketStream(
  options: StreamOptions,
  Socket: SocketConstructor,
  socketUrl: (baseUrl: string, path: string) => string,
): StreamHandle {
  const { baseUrl, socketPath, onEvent, onStatus } = options
  let lastEventId = options.lastEventId
  let socket: SocketLike | null = null
  let retryMs = MIN_RETRY_MS
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const connect = () => {
    onStatus?.(StreamStatus.connecting)
    const current = new Socket(withLastEventId(socketUrl(baseUrl, socketPath), lastEventId))
    socket = current
    current.onopen = () => {
      retryMs = MIN_RETRY_MS
      onStatus?.(StreamStatus.open)
    }
    current.onmessage = ({ data }) => {
      if (typeof data !== 'string') return
      const event = parseFrame(data)
      if (event === undefined) return
      if (event.id !== undefined) lastEventId = event.id
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

function parseFrame(text: string): StreamEvent | undefined {
  let frame: unknown
  try {
    frame = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof frame !== 'object' || frame === null) return undefined
  const { id, type, data } = frame as Record<string, unknown>
  if (typeof data !== 'string') return undefined
  return {
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined,
    type: typeof type === 'string' ? type : 'message',
    data,
  }
}
