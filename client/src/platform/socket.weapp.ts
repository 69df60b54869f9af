import Taro from '@tarojs/taro'
import type { SocketCloseEvent, SocketConstructor, SocketEventMap, SocketLike } from './socket'
import { SocketState } from './socket-state'
import { joinUrl, toSocketUrl } from './url'

export { SocketState }

type Listener<K extends keyof SocketEventMap> = (event: SocketEventMap[K]) => void

/**
 * WebSocket over `Taro.connectSocket`. Taro hands the SocketTask over in a promise that settles right
 * after `wx.connectSocket`'s success callback, well before the handshake can answer, so no open event is
 * missed by attaching the handlers then.
 */
class TaroSocket implements SocketLike {
  static readonly CONNECTING = SocketState.CONNECTING
  static readonly OPEN = SocketState.OPEN
  static readonly CLOSING = SocketState.CLOSING
  static readonly CLOSED = SocketState.CLOSED
  readonly CONNECTING = SocketState.CONNECTING
  readonly OPEN = SocketState.OPEN
  readonly CLOSING = SocketState.CLOSING
  readonly CLOSED = SocketState.CLOSED

  readonly url: string
  readyState: SocketState = SocketState.CONNECTING
  binaryType: 'arraybuffer' | 'blob' = 'arraybuffer'
  onopen: ((event: SocketEventMap['open']) => void) | null = null
  onmessage: ((event: SocketEventMap['message']) => void) | null = null
  onclose: ((event: SocketEventMap['close']) => void) | null = null
  onerror: ((event: SocketEventMap['error']) => void) | null = null

  private task: Taro.SocketTask | null = null
  private pendingClose: { code: number; reason: string } | null = null
  private readonly listeners = new Map<keyof SocketEventMap, Set<Listener<keyof SocketEventMap>>>()

  constructor(url: string, protocols?: string | string[]) {
    this.url = url
    Taro.connectSocket({
      url,
      ...(protocols === undefined ? {} : { protocols: typeof protocols === 'string' ? [protocols] : protocols }),
    }).then(
      (task) => this.attach(task),
      () => {
        this.emit('error', { type: 'error' })
        this.finish({ type: 'close', code: 1006, reason: 'connect failed', wasClean: false })
      },
    )
  }

  addEventListener<K extends keyof SocketEventMap>(type: K, listener: Listener<K>): void {
    const set = this.listeners.get(type) ?? new Set()
    set.add(listener as Listener<keyof SocketEventMap>)
    this.listeners.set(type, set)
  }

  removeEventListener<K extends keyof SocketEventMap>(type: K, listener: Listener<K>): void {
    this.listeners.get(type)?.delete(listener as Listener<keyof SocketEventMap>)
  }

  send(data: string | ArrayBuffer | ArrayBufferView): void {
    if (this.readyState === SocketState.CONNECTING) throw new Error('InvalidStateError: socket is still connecting')
    if (this.readyState !== SocketState.OPEN || this.task === null) return
    this.task.send({ data: typeof data === 'string' || data instanceof ArrayBuffer ? data : toArrayBuffer(data) })
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === SocketState.CLOSING || this.readyState === SocketState.CLOSED) return
    this.readyState = SocketState.CLOSING
    if (this.task) this.task.close({ code, reason })
    else this.pendingClose = { code, reason }
  }

  private attach(task: Taro.SocketTask): void {
    this.task = task
    task.onOpen(() => {
      if (this.readyState !== SocketState.CONNECTING) return
      this.readyState = SocketState.OPEN
      this.emit('open', { type: 'open' })
    })
    task.onMessage((res: { data: string | ArrayBuffer }) => this.emit('message', { type: 'message', data: res.data }))
    task.onError(() => this.emit('error', { type: 'error' }))
    task.onClose((res) =>
      this.finish({ type: 'close', code: res.code, reason: res.reason, wasClean: res.code === 1000 }),
    )
    if (this.pendingClose) task.close(this.pendingClose)
  }

  private finish(event: SocketCloseEvent): void {
    if (this.readyState === SocketState.CLOSED) return
    this.readyState = SocketState.CLOSED
    this.task = null
    this.emit('close', event)
  }

  private emit<K extends keyof SocketEventMap>(type: K, event: SocketEventMap[K]): void {
    const handler = this[`on${type}`] as Listener<K> | null
    handler?.call(this, event)
    for (const listener of this.listeners.get(type) ?? []) listener.call(this, event)
  }
}

function toArrayBuffer(view: ArrayBufferView): ArrayBuffer {
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer
}

export const PlatformSocket: SocketConstructor = TaroSocket

export function socketUrl(baseUrl: string, path: string): string {
  return toSocketUrl(joinUrl(baseUrl, path))
}
