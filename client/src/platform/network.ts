/**
 * Connectivity and foreground/background events, fed once at boot into react-query's `onlineManager`
 * and `focusManager` (see app/query-client.ts): browser events on h5, Taro's network and app show/hide
 * events on weapp.
 */

import { unavailable } from './unavailable'

export interface NetworkEvents {
  /** Calls `listener` with the current state soon after subscribing, then on every change. */
  onOnlineChange(listener: (online: boolean) => void): () => void
  /** `true` when the app comes to the foreground, `false` when it goes to the background. */
  onFocusChange(listener: (focused: boolean) => void): () => void
}

export const network: NetworkEvents = {
  onOnlineChange: () => unavailable('network'),
  onFocusChange: () => unavailable('network'),
}
