import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { PlatformSocket } from './socket.weapp'

/** A SocketTask driven by the test, recording the binary frames y-websocket sends through it. */
function fakeTask() {
  const on: {
    open?: () => void
    close?: (res: { code: number; reason: string }) => void
  } = {}
  const sent: ArrayBuffer[] = []
  const task = {
    onOpen: (fn: () => void) => {
      on.open = fn
    },
    onMessage: () => {},
    onClose: (fn: (res: { code: number; reason: string }) => void) => {
      on.close = fn
    },
    onError: () => {},
    send: vi.fn((opt: { data: ArrayBuffer }) => sent.push(opt.data)),
    close: vi.fn((opt: { code?: number; reason?: string }) =>
      on.close?.({ code: opt.code ?? 1000, reason: opt.reason ?? '' }),
    ),
  }
  return { task, on, sent }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('y-websocket over the weapp socket (the mini-program speaks the BFF’s collab protocol)', () => {
  it('opens with the token in the URL, sends SyncStep1 as an ArrayBuffer, and stops for good on a 44xx close', async () => {
    const { task, on, sent } = fakeTask()
    vi.mocked(Taro.connectSocket).mockResolvedValue(task as never)
    const doc = new Y.Doc()
    const provider = new WebsocketProvider('wss://shop.example/collab', 'cart:0123456789', doc, {
      WebSocketPolyfill: PlatformSocket as unknown as typeof WebSocket,
      params: { token: 't' },
      disableBc: true,
    })
    const closed: { code: number; reason: string }[] = []
    provider.on('closed', (ev: { code: number; reason: string }) => closed.push(ev))
    await settle()
    expect(vi.mocked(Taro.connectSocket).mock.calls.at(-1)![0]).toMatchObject({
      url: 'wss://shop.example/collab/cart:0123456789?token=t',
    })

    on.open?.()
    expect(provider.wsconnected).toBe(true)
    // messageSync (0), SyncStep1 (0), then the state vector.
    expect(sent[0]).toBeInstanceOf(ArrayBuffer)
    expect([...new Uint8Array(sent[0]!).slice(0, 2)]).toEqual([0, 0])

    on.close?.({ code: 4403, reason: 'not a member of this cart: open the invite link first' })
    expect(closed).toEqual([{ code: 4403, reason: 'not a member of this cart: open the invite link first' }])
    expect(provider.shouldConnect).toBe(false)
    provider.destroy()
  })
})
