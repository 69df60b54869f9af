import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './storage'

export const storage: KeyValueStorage = {
  getItem(key) {
    try {
      // getStorageSync answers '' for a missing key.
      const value: unknown = Taro.getStorageSync(key)
      return typeof value === 'string' && value !== '' ? value : null
    } catch {
      return null
    }
  },
  setItem(key, value) {
    try {
      Taro.setStorageSync(key, value)
    } catch (err) {
      // 10 MB per mini-program user; a failed write must not take the page down.
      console.warn('storage: write failed', key, err)
    }
  },
  removeItem(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // nothing stored, nothing to remove
    }
  },
}
