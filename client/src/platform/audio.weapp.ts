import Taro from '@tarojs/taro'
import type { AudioAdapter } from './audio'

export const audio: AudioAdapter = {
  unlock() {
    // nothing to unlock: vibration needs no gesture
  },
  beep() {
    Taro.vibrateShort({ type: 'heavy' }).catch(() => {
      // not supported on this device
    })
  },
}
