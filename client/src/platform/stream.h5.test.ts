import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StreamEvent } from './stream'
import { openStream } from './stream.h5'

/** jsdom has no EventSource; this one is driven by the test. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  static last: FakeEventSource | undefined
  readyState = FakeEventSource.CONNECTING
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor(readonly url: string) {
    super()
    FakeEventSource.last = this
  }
  close() {
    this.readyState = FakeEventSource.CLOSED
  }
  emit(type: string, data: string, lastEventId = '') {
    this.dispatchEvent(new MessageEvent(type, { data, lastEventId }))
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('h5 stream (EventSource)', () => {
  it('resumes after `after`, passes the token, and delivers the named event only', () => {
    vi.stubGlobal('EventSource', FakeEventSource)
    const events: StreamEvent[] = []
    const statuses: string[] = []
    const handle = openStream({
      baseUrl: '',
      path: '/api/stores/s1/stream',
      socketPath: '/api/stores/s1/stream/ws',
      event: 'order',
      after: '41',
      query: { access_token: 't0k' },
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
    })
    const source = FakeEventSource.last!
    expect(source.url).toBe('/api/stores/s1/stream?access_token=t0k&after=41')

    source.onopen?.()
    source.emit('order', '{"seq":42}', '42')
    source.emit('message', 'unnamed')
    expect(events).toEqual([{ id: '42', data: '{"seq":42}' }])

    source.onerror?.()
    source.readyState = FakeEventSource.CLOSED
    source.onerror?.()
    handle.close()
    expect(statuses).toEqual(['connecting', 'open', 'connecting', 'closed', 'closed'])
  })
})
