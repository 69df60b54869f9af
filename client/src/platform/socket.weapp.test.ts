import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { SocketEventMap } from './socket'
import { PlatformSocket, socketUrl } from './socket.weapp'

/** A SocketTask whose events the test fires by hand. */
function fakeTask() {
  type Handlers = {
    open: () => void
    message: (res: { data: string | ArrayBuffer }) => void
    close: (res: { code: number; reason: string }) => void
    error: (res: { errMsg: string }) => void
  }
  const on: Partial<Handlers> = {}
  const task = {
    onOpen: (fn: Handlers['open']) => {
      on.open = fn
    },
    onMessage: (fn: Handlers['message']) => {
      on.message = fn
    },
    onClose: (fn: Handlers['close']) => {
      on.close = fn
    },
    onError: (fn: Handlers['error']) => {
      on.error = fn
    },
    send: vi.fn(),
    close: vi.fn((option: { code?: number; reason?: string }) =>
      on.close?.({ code: option.code ?? 1000, reason: option.reason ?? '' }),
    ),
  }
  return { task, on }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('weapp socket (WebSocket over Taro.connectSocket)', () => {
  it('opens, exchanges text and binary frames, and closes cleanly', async () => {
    const { task, on } = fakeTask()
    vi.mocked(Taro.connectSocket).mockResolvedValue(task as never)
    const events: string[] = []
    const socket = new PlatformSocket('ws://h/yjs/doc', 'y-protocol')
    socket.onopen = () => events.push('open')
    socket.onmessage = ({ data }) =>
      events.push(typeof data === 'string' ? `text ${data}` : `binary ${data.byteLength}`)
    socket.addEventListener('close', ({ code, wasClean }: SocketEventMap['close']) =>
      events.push(`close ${code} ${wasClean}`),
    )

    expect(socket.readyState).toBe(PlatformSocket.CONNECTING)
    expect(() => socket.send('too early')).toThrow(/still connecting/)
    expect(vi.mocked(Taro.connectSocket).mock.calls[0]![0]).toMatchObject({
      url: 'ws://h/yjs/doc',
      protocols: ['y-protocol'],
    })
    await settle()

    on.open?.()
    expect(socket.readyState).toBe(socket.OPEN)
    on.message?.({ data: 'hi' })
    on.message?.({ data: new Uint8Array([1, 2, 3]).buffer })

    // Yjs sends Uint8Array views into a larger buffer: only the viewed bytes go out, as an ArrayBuffer.
    const big = new Uint8Array([9, 9, 1, 2, 9])
    socket.send(big.subarray(2, 4))
    const sent = task.send.mock.calls[0]![0].data as ArrayBuffer
    expect(sent).toBeInstanceOf(ArrayBuffer)
    expect([...new Uint8Array(sent)]).toEqual([1, 2])

    socket.close()
    expect(events).toEqual(['open', 'text hi', 'binary 3', 'close 1000 true'])
    expect(socket.readyState).toBe(socket.CLOSED)
    socket.send('after close is dropped')
    expect(task.send).toHaveBeenCalledTimes(1)
  })

  it('reports a failed connect as error + close 1006', async () => {
    vi.mocked(Taro.connectSocket).mockRejectedValue({ errMsg: 'connectSocket:fail' })
    const events: string[] = []
    const socket = new PlatformSocket('ws://h/x')
    socket.onerror = () => events.push('error')
    socket.onclose = ({ code, wasClean }) => events.push(`close ${code} ${wasClean}`)
    await settle()
    expect(events).toEqual(['error', 'close 1006 false'])
  })

  it('closes a socket that was closed before Taro handed over the task', async () => {
    const { task } = fakeTask()
    vi.mocked(Taro.connectSocket).mockResolvedValue(task as never)
    const socket = new PlatformSocket('ws://h/x')
    socket.close(4000, 'bye')
    await settle()
    expect(task.close).toHaveBeenCalledWith({ code: 4000, reason: 'bye' })
    expect(socket.readyState).toBe(socket.CLOSED)
  })

  it('builds ws URLs from the API base', () => {
    expect(socketUrl('http://127.0.0.1:8787', '/stream')).toBe('ws://127.0.0.1:8787/stream')
    expect(socketUrl('https://shop.example', 'yjs')).toBe('wss://shop.example/yjs')
  })
})
