import { apiBase } from '@/config'
import type { AppShell } from './app-shell'

export const appShell: AppShell = {
  origin: () => apiBase.replace(/\/+$/, ''),
  keepOffline() {
    // The mini-program's package is the app shell: nothing to keep.
  },
}
