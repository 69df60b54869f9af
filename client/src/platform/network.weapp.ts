import Taro from '@tarojs/taro'
import type { NetworkEvents } from './network'

export const network: NetworkEvents = {
  onOnlineChange(listener) {
    const change = (res: Taro.onNetworkStatusChange.CallbackResult) => listener(res.isConnected)
    Taro.onNetworkStatusChange(change)
    Taro.getNetworkType().then(
      (res) => listener(res.networkType !== 'none'),
      () => {
        // unknown: keep react-query's default (online)
      },
    )
    return () => Taro.offNetworkStatusChange?.(change)
  },
  onFocusChange(listener) {
    const show = () => listener(true)
    const hide = () => listener(false)
    Taro.onAppShow(show)
    Taro.onAppHide(hide)
    return () => {
      Taro.offAppShow?.(show)
      Taro.offAppHide?.(hide)
    }
  },
}
