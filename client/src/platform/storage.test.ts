import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import { storage as h5 } from './storage.h5'
import { storage as weapp } from './storage.weapp'

describe('h5 storage (localStorage)', () => {
  it('round-trips strings and answers null for missing keys', () => {
    expect(h5.getItem('xd.test')).toBeNull()
    h5.setItem('xd.test', '{"a":1}')
    expect(h5.getItem('xd.test')).toBe('{"a":1}')
    h5.removeItem('xd.test')
    expect(h5.getItem('xd.test')).toBeNull()
  })

  it('swallows a full quota instead of crashing', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() => h5.setItem('xd.big', 'x')).not.toThrow()
    setItem.mockRestore()
    warn.mockRestore()
  })
})

describe('weapp storage (Taro.*StorageSync)', () => {
  it("maps getStorageSync's '' for a missing key to null", () => {
    const map = new Map<string, unknown>()
    vi.mocked(Taro.getStorageSync).mockImplementation((key: string) => map.get(key) ?? '')
    vi.mocked(Taro.setStorageSync).mockImplementation((key: string, value: unknown) => void map.set(key, value))
    vi.mocked(Taro.removeStorageSync).mockImplementation((key: string) => void map.delete(key))

    expect(weapp.getItem('k')).toBeNull()
    weapp.setItem('k', 'v')
    expect(weapp.getItem('k')).toBe('v')
    weapp.removeItem('k')
    expect(weapp.getItem('k')).toBeNull()
  })
})
