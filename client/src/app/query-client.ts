import { QueryClient, focusManager, onlineManager } from '@tanstack/react-query'
import type { NetworkEvents } from '@/platform/network'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 2, staleTime: 30_000 },
    },
  })
}

/**
 * Replaces react-query's browser listeners with the platform's: online/offline pauses and resumes
 * queries and mutations, coming back to the foreground refetches stale queries. Global, so call once.
 */
export function bindQueryManagers(network: NetworkEvents): void {
  onlineManager.setEventListener((setOnline) => network.onOnlineChange(setOnline))
  focusManager.setEventListener((setFocused) => network.onFocusChange(setFocused))
}
