import { useStore } from 'zustand'
import { createSessionStore, type SessionState } from '@/core/session'
import { storage } from '@/platform/storage'

/** The one session of this app instance. */
export const sessionStore = createSessionStore(storage)

/** Selects from the session and re-renders when the selection changes. */
export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector)
}
