import { PlatformSocket, socketUrl } from './socket.weapp'
import { openSocketStream } from './socket-stream'
import type { OpenStream } from './stream'

export { StreamStatus } from './stream-status'

// No EventSource in the mini-program: the same events over the WebSocket twin of the endpoint.
export const openStream: OpenStream = (options) => openSocketStream(options, PlatformSocket, socketUrl)
