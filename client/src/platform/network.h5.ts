import type { NetworkEvents } from './network'

export const network: NetworkEvents = {
  onOnlineChange(listener) {
    const online = () => listener(true)
    const offline = () => listener(false)
    window.addEventListener('online', online)
    window.addEventListener('offline', offline)
    // A tablet that boots without network must start paused, not fail every query once.
    queueMicrotask(() => listener(window.navigator.onLine))
    return () => {
      window.removeEventListener('online', online)
      window.removeEventListener('offline', offline)
    }
  },
  onFocusChange(listener) {
    const change = () => listener(window.document.visibilityState !== 'hidden')
    window.document.addEventListener('visibilitychange', change)
    return () => window.document.removeEventListener('visibilitychange', change)
  },
}
