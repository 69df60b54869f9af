import { onlineManager, type UseQueryResult } from '@tanstack/react-query'
import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useSyncExternalStore } from 'react'
import { errorText } from '@/consumer/api'
import './query-view.scss'

/** Whether the platform says the device is online (fed into react-query's onlineManager at boot). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => onlineManager.subscribe(cb),
    () => onlineManager.isOnline(),
    () => true,
  )
}

/** A thin bar on top of a page while the device is offline. */
export function OfflineBanner() {
  const online = useOnline()
  if (online) return null
  return (
    <View className='offline-banner' id='offline-banner'>
      <Text>网络已断开, 恢复后将自动刷新</Text>
    </View>
  )
}

export function Loading({ id, text = '加载中…' }: { id?: string; text?: string }) {
  return (
    <View className='state state--loading' {...(id ? { id } : {})}>
      <View className='state__spinner' />
      <Text className='state__text'>{text}</Text>
    </View>
  )
}

export function ErrorState({ id, error, onRetry }: { id?: string; error: unknown; onRetry?: () => void }) {
  return (
    <View className='state state--error' {...(id ? { id } : {})}>
      <Text className='state__text state__text--error'>{errorText(error)}</Text>
      {onRetry ? (
        <Button className='btn btn--ghost state__retry' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}

export function Offline({ id }: { id?: string }) {
  return (
    <View className='state state--offline' {...(id ? { id } : {})}>
      <Text className='state__text'>当前无网络</Text>
      <Text className='state__hint'>连上网络后会自动加载</Text>
    </View>
  )
}

/**
 * The three states every screen has besides its content: loading, failed (with retry), and offline (a
 * query react-query paused because the platform reported no network) instead of a blank page.
 */
export function QueryView<T>({
  query,
  name,
  children,
}: {
  query: UseQueryResult<T>
  /** Prefix of the state ids (`menu-loading`, `menu-error`, `menu-offline`). */
  name: string
  children: (data: T) => ReactNode
}) {
  if (query.isPending) {
    if (query.fetchStatus === 'paused') return <Offline id={`${name}-offline`} />
    return <Loading id={`${name}-loading`} />
  }
  if (query.isError) return <ErrorState id={`${name}-error`} error={query.error} onRetry={() => query.refetch()} />
  return <>{children(query.data)}</>
}
