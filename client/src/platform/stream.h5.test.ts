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
  it('resumes after lastEventId and delivers the default and the named events', () => {
    vi.stubGlobal('EventSource', FakeEventSource)
    const events: StreamEvent[] = []
    const statuses: string[] = []
    const handle = openStream({
      baseUrl: '',
      path: '/stores/s1/events',
      socketPath: '/stores/s1/events/ws',
      lastEventId: '41',
      types: ['order'],
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
    })
    const source = FakeEventSource.last!
    expect(source.url).toBe('/stores/s1/events?lastEventId=41')

    source.onopen?.()
    source.emit('order', '{"n":1}', '42')
    source.emit('message', 'hello')
    source.emit('ignored', 'x')
    expect(events).toEqual([
      { id: '42', type: 'order', data: '{"n":1}' },
      { id: undefined, type: 'message', data: 'hello' },
    ])

    source.onerror?.()
    source.readyState = FakeEventSource.CLOSED
    source.onerror?.()
    handle.close()
    expect(statuses).toEqual(['connecting', 'open', 'connecting', 'closed', 'closed'])
  })
})
