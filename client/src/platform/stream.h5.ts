import type { OpenStream, StreamHandle } from './stream'
import { StreamStatus, withLastEventId } from './stream-status'
import { joinUrl } from './url'

export { StreamStatus }

export const openStream: OpenStream = ({ baseUrl, path, lastEventId, types = [], onEvent, onStatus }) => {
  const source = new window.EventSource(withLastEventId(joinUrl(baseUrl, path), lastEventId))
  const deliver = (e: Event) => {
    const message = e as MessageEvent<string>
    onEvent({ id: message.lastEventId === '' ? undefined : message.lastEventId, type: e.type, data: message.data })
  }
  for (const type of new Set(['message', ...types])) source.addEventListener(type, deliver)
  onStatus?.(StreamStatus.connecting)
  source.onopen = () => onStatus?.(StreamStatus.open)
  // EventSource retries on its own; CLOSED here means the server answered with something that is not a
  // stream (a 4xx, a wrong content type) and it gave up.
  source.onerror = () =>
    onStatus?.(source.readyState === window.EventSource.CLOSED ? StreamStatus.closed : StreamStatus.connecting)
  const handle: StreamHandle = {
    close() {
      source.close()
      onStatus?.(StreamStatus.closed)
    },
  }
  return handle
}
