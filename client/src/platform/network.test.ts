import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import { network as h5 } from './network.h5'
import { network as weapp } from './network.weapp'

describe('h5 network events', () => {
  it('reports the current state, then online/offline and visibility changes', async () => {
    const online: boolean[] = []
    const focused: boolean[] = []
    const offOnline = h5.onOnlineChange((value) => online.push(value))
    const offFocus = h5.onFocusChange((value) => focused.push(value))
    await Promise.resolve()
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    document.dispatchEvent(new Event('visibilitychange'))
    offOnline()
    offFocus()
    window.dispatchEvent(new Event('offline'))
    expect(online).toEqual([true, false, true])
    expect(focused).toEqual([true])
  })
})

describe('weapp network events', () => {
  it('uses getNetworkType, onNetworkStatusChange and onAppShow/onAppHide', async () => {
    const handlers: Record<string, (res?: never) => void> = {}
    const taro = Taro as unknown as Record<string, unknown>
    Object.assign(taro, {
      getNetworkType: vi.fn(async () => ({ networkType: 'none' })),
      onNetworkStatusChange: vi.fn((fn) => {
        handlers.network = fn
      }),
      offNetworkStatusChange: vi.fn(),
      onAppShow: vi.fn((fn) => {
        handlers.show = fn
      }),
      onAppHide: vi.fn((fn) => {
        handlers.hide = fn
      }),
      offAppShow: vi.fn(),
      offAppHide: vi.fn(),
    })
    const online: boolean[] = []
    const focused: boolean[] = []
    const offOnline = weapp.onOnlineChange((value) => online.push(value))
    const offFocus = weapp.onFocusChange((value) => focused.push(value))
    await Promise.resolve()
    handlers.network?.({ isConnected: true, networkType: 'wifi' } as never)
    handlers.hide?.()
    handlers.show?.()
    offOnline()
    offFocus()
    expect(online).toEqual([false, true])
    expect(focused).toEqual([false, true])
    expect(taro.offNetworkStatusChange).toHaveBeenCalledWith(handlers.network)
    expect(taro.offAppShow).toHaveBeenCalledWith(handlers.show)
  })
})
