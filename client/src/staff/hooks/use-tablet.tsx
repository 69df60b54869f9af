import { type PropsWithChildren, createContext, useContext, useEffect, useState } from 'react'
import { type Tablet, type TabletPlatform, openTablet } from '@/offline/tablet'

const TabletContext = createContext<Tablet | null>(null)

export interface TabletProviderProps {
  readonly storeId: string
  readonly token: () => string | null
  readonly platform: () => TabletPlatform
  readonly onUnauthorized?: () => void
  /** Shown while the local database opens (a fraction of a second). */
  readonly fallback: React.ReactNode
}

/** Opens the store's tablet core once per store and closes it when the store changes or the page goes. */
export function TabletProvider({
  storeId,
  token,
  platform,
  onUnauthorized,
  fallback,
  children,
}: PropsWithChildren<TabletProviderProps>) {
  const [tablet, setTablet] = useState<Tablet | null>(null)
  const [error, setError] = useState<string | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: one tablet per store; the callbacks are read through.
  useEffect(() => {
    let cancelled = false
    let opened: Tablet | null = null
    openTablet({ storeId, token, ...(onUnauthorized ? { onUnauthorized } : {}) }, platform()).then(
      (t) => {
        opened = t
        if (cancelled) void t.close()
        else setTablet(t)
      },
      (e: Error) => setError(e.message),
    )
    return () => {
      cancelled = true
      setTablet(null)
      if (opened) void opened.close()
    }
  }, [storeId])
  if (error !== null) return <>{`本地数据库打不开: ${error}`}</>
  if (tablet === null) return <>{fallback}</>
  return <TabletContext.Provider value={tablet}>{children}</TabletContext.Provider>
}

/** The open tablet core of the page. */
export function useTablet(): Tablet {
  const tablet = useContext(TabletContext)
  if (tablet === null) throw new Error('useTablet: no <TabletProvider> above this component')
  return tablet
}
