import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SocketConstructor, SocketLike } from './socket'
import { openSocketStream } from './socket-stream'
import type { StreamEvent } from './stream'

/** Records every socket the stream opens; the test drives them. */
function fakeSockets() {
  const opened: (SocketLike & { url: string })[] = []
  const Socket = vi.fn(function (this: SocketLike, url: string) {
    const socket = { url, onopen: null, onmessage: null, onclose: null, onerror: null, close: vi.fn() }
    opened.push(socket as never)
    return socket
  }) as unknown as SocketConstructor
  return { Socket, opened }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('stream over a socket (the weapp fallback)', () => {
  it("delivers the BFF's frames, drops heartbeats and junk, reconnects with backoff and resumes", () => {
    vi.useFakeTimers()
    const { Socket, opened } = fakeSockets()
    const events: StreamEvent[] = []
    const statuses: string[] = []
    const handle = openSocketStream(
      {
        baseUrl: 'http://bff',
        path: '/api/stores/s1/stream',
        socketPath: '/api/stores/s1/stream/ws',
        event: 'order',
        after: '7',
        query: { access_token: 't0k' },
        onEvent: (e) => events.push(e),
        onStatus: (s) => statuses.push(s),
      },
      Socket,
      (base, path) => `${base.replace('http', 'ws')}${path}`,
    )
    expect(opened[0]!.url).toBe('ws://bff/api/stores/s1/stream/ws?access_token=t0k&after=7')

    opened[0]!.onopen?.({ type: 'open' })
    const frame = '{"seq":8,"storeId":"s1","type":"created","orderId":"o1"}'
    opened[0]!.onmessage?.({ type: 'message', data: frame })
    opened[0]!.onmessage?.({ type: 'message', data: '{"type":"heartbeat"}' })
    opened[0]!.onmessage?.({ type: 'message', data: 'not json' })
    opened[0]!.onmessage?.({ type: 'message', data: new ArrayBuffer(2) })
    expect(events).toEqual([{ id: '8', data: frame }])

    opened[0]!.onclose?.({ type: 'close', code: 1006, reason: '', wasClean: false })
    expect(opened).toHaveLength(1)
    vi.advanceTimersByTime(1_000)
    expect(opened[1]!.url).toBe('ws://bff/api/stores/s1/stream/ws?access_token=t0k&after=8')
    opened[1]!.onclose?.({ type: 'close', code: 1006, reason: '', wasClean: false })
    vi.advanceTimersByTime(1_999)
    expect(opened).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(opened).toHaveLength(3)

    handle.close()
    expect(opened[2]!.close).toHaveBeenCalled()
    opened[2]!.onclose?.({ type: 'close', code: 1000, reason: '', wasClean: true })
    vi.advanceTimersByTime(60_000)
    expect(opened).toHaveLength(3)
    expect(statuses).toEqual(['connecting', 'open', 'connecting', 'connecting', 'connecting', 'connecting', 'closed'])
  })
})
