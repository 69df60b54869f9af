import { Text, View } from '@tarojs/components'
import { useStore } from 'zustand'
import { useNow } from '../hooks/use-now'
import { useTablet } from '../hooks/use-tablet'

const clock = (at: number) => {
  const d = new Date(at)
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':')
}

const ago = (ms: number) =>
  ms < 60_000 ? `${Math.max(0, Math.floor(ms / 1000))} 秒前` : `${Math.floor(ms / 60_000)} 分钟前`

/** Always on screen: online or not, how many changes wait, when the BFF last answered. Never blocks. */
export function SyncBar({ onSignInAgain }: { readonly onSignInAgain: () => void }) {
  const tablet = useTablet()
  const s = useStore(tablet.sync)
  const now = useNow(1000)
  const state = !s.online ? 'offline' : s.live ? 'live' : 'connecting'
  const pending = s.pendingIds.size
  return (
    <View className={`sync sync--${state}`} id='sync-bar'>
      <View className='sync__dot' />
      <Text className='sync__state' id='sync-online' data-state={state}>
        {state === 'offline' ? '离线 · 照常接单' : state === 'live' ? '在线 · 实时同步' : '在线 · 正在连接'}
      </Text>
      <Text
        className={`sync__pending ${pending > 0 ? 'sync__pending--some' : ''}`}
        id='sync-pending'
        data-count={pending}
      >
        {s.pendingKnown ? `待同步 ${pending}` : '待同步 …'}
      </Text>
      <Text className='sync__last' id='sync-last'>
        {s.lastSyncAt === null ? '尚未同步' : `上次同步 ${clock(s.lastSyncAt)} (${ago(now - s.lastSyncAt)})`}
      </Text>
      {s.unauthorized ? (
        <View className='sync__action' id='sync-signin' onClick={onSignInAgain}>
          登录已过期 · 重新登录
        </View>
      ) : s.error !== null ? (
        <Text className='sync__error'>{s.error}</Text>
      ) : null}
    </View>
  )
}
