/**
 * The page itself: its origin (part of the replication identifier) and, on h5, the service worker that
 * keeps the app shell (index.html, js, css) so a tablet can reload or restart while offline.
 */
import { unavailable } from './unavailable'

export interface AppShell {
  /** `http://192.168.1.5:8787` on h5; the configured BFF origin on weapp. */
  origin(): string
  /** Registers the app-shell service worker (h5 production builds in a secure context); no-op elsewhere. */
  keepOffline(): void
}

export const appShell: AppShell = {
  origin: () => unavailable('app-shell'),
  keepOffline: () => unavailable('app-shell'),
}
