/**
 * Stands in for `@tarojs/taro` under vitest (see vitest.config.ts): lifecycle hooks run nothing, and the
 * APIs are `vi.fn()`s that tests stub with `vi.mocked(Taro.x).mockImplementation(…)`. Pages still get
 * the real H5 components.
 */
import { vi } from 'vitest'

const noop = (_fn: () => void) => {}

export const useLoad = noop
export const useLaunch = noop
export const useDidShow = noop
export const useDidHide = noop
export const useReady = noop
export const useUnload = noop

const notStubbed = (name: string) => () => {
  throw new Error(`Taro.${name} is not stubbed in this test`)
}

const Taro = {
  getEnv: () => 'WEB',
  ENV_TYPE: { WEB: 'WEB', WEAPP: 'WEAPP' },
  navigateTo: vi.fn(async (_options: { url: string }) => ({ errMsg: 'navigateTo:ok' })),
  reLaunch: vi.fn(async (_options: { url: string }) => ({ errMsg: 'reLaunch:ok' })),
  request: vi.fn(notStubbed('request')),
  connectSocket: vi.fn(notStubbed('connectSocket')),
  getStorageSync: vi.fn(notStubbed('getStorageSync')),
  setStorageSync: vi.fn(notStubbed('setStorageSync')),
  removeStorageSync: vi.fn(notStubbed('removeStorageSync')),
}

export default Taro
