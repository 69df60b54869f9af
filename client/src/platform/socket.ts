/**
 * A WebSocket-shaped socket: the native `WebSocket` on h5, a class over `Taro.connectSocket` on weapp.
 * It implements the part of the browser API that y-websocket (pass it as `WebSocketPolyfill`) and the
 * order stream use. Binary frames always arrive as `ArrayBuffer`.
 */

import { unavailable } from './unavailable'

export { SocketState } from './socket-state'

export type SocketData = string | ArrayBuffer

export interface SocketOpenEvent {
  readonly type: 'open'
}
export interface SocketMessageEvent {
  readonly type: 'message'
  readonly data: SocketData
}
export interface SocketCloseEvent {
  readonly type: 'close'
  readonly code: number
  readonly reason: string
  readonly wasClean: boolean
}
export interface SocketErrorEvent {
  readonly type: 'error'
}

export interface SocketEventMap {
  open: SocketOpenEvent
  message: SocketMessageEvent
  close: SocketCloseEvent
  error: SocketErrorEvent
}

export interface SocketLike {
  readonly url: string
  readonly readyState: number
  readonly CONNECTING: 0
  readonly OPEN: 1
  readonly CLOSING: 2
  readonly CLOSED: 3
  /** Only 'arraybuffer' is honoured on weapp. */
  binaryType: 'arraybuffer' | 'blob'
  onopen: ((event: SocketOpenEvent) => void) | null
  onmessage: ((event: SocketMessageEvent) => void) | null
  onclose: ((event: SocketCloseEvent) => void) | null
  onerror: ((event: SocketErrorEvent) => void) | null
  addEventListener<K extends keyof SocketEventMap>(type: K, listener: (event: SocketEventMap[K]) => void): void
  removeEventListener<K extends keyof SocketEventMap>(type: K, listener: (event: SocketEventMap[K]) => void): void
  /** Throws while CONNECTING, like the browser; drops data once CLOSING or CLOSED. */
  send(data: string | ArrayBuffer | ArrayBufferView): void
  close(code?: number, reason?: string): void
}

export interface SocketConstructor {
  new (url: string, protocols?: string | string[]): SocketLike
  readonly CONNECTING: 0
  readonly OPEN: 1
  readonly CLOSING: 2
  readonly CLOSED: 3
}

/** The platform's socket class: `new PlatformSocket(url)`. */
export const PlatformSocket = class {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  constructor() {
    unavailable('socket')
  }
} as unknown as SocketConstructor

/** The `ws:`/`wss:` URL of a BFF path, given the API base URL (`''` = same origin). */
export const socketUrl = (_baseUrl: string, _path: string): string => unavailable('socket')
