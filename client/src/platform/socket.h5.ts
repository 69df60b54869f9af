import type { SocketConstructor } from './socket'
import { joinUrl, toSocketUrl } from './url'

export { SocketState } from './socket-state'

// The browser's WebSocket is the reference the interface copies; its handler parameter types are the
// richer DOM events, hence the cast.
export const PlatformSocket = window.WebSocket as unknown as SocketConstructor

export function socketUrl(baseUrl: string, path: string): string {
  const url = joinUrl(baseUrl, path)
  return toSocketUrl(new URL(url, window.location.href).href)
}
