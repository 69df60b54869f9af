import type { OpenStream, StreamHandle } from './stream'
import { StreamStatus, withQuery } from './stream-status'
import { joinUrl } from './url'

export { StreamStatus }

export const openStream: OpenStream = ({ baseUrl, path, event = 'message', after, query, onEvent, onStatus }) => {
  const source = new window.EventSource(withQuery(joinUrl(baseUrl, path), { ...query, after }))
  source.addEventListener(event, (e) => {
    const message = e as MessageEvent<string>
    onEvent({ id: message.lastEventId === '' ? undefined : message.lastEventId, data: message.data })
  })
  onStatus?.(StreamStatus.connecting)
  source.onopen = () => onStatus?.(StreamStatus.open)
  // EventSource retries on its own; CLOSED here means the server answered with something that is not a
  // stream (a 401, a wrong content type) and it gave up.
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
