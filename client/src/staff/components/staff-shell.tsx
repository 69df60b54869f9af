import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { useStore } from 'zustand'
import type { StaffSession } from '@/offline/staff-session'
import { useTablet } from '../hooks/use-tablet'
import { audio, staffSession } from '../services'
import { Board } from './board'
import { Counter } from './counter'
import { SyncBar } from './sync-bar'

type Tab = 'board' | 'counter'

/** The signed-in tablet: header with the two screens, the sync bar, and the board or the counter. */
export function StaffShell({ session }: { readonly session: StaffSession }) {
  const tablet = useTablet()
  const [tab, setTab] = useState<Tab>('board')
  const [confirmSignOut, setConfirmSignOut] = useState(false)
  const pending = useStore(tablet.sync, (s) => s.pendingIds.size)
  const fresh = useStore(tablet.alerts, (s) => s.ids.length)
  const go = (t: Tab) => {
    audio.unlock()
    setTab(t)
  }
  const signOut = () => {
    // Orders stay in this tablet's database and sync after the next sign-in; still, say so first.
    if (pending > 0 && !confirmSignOut) {
      setConfirmSignOut(true)
      return
    }
    void tablet.moves.flush().then(() => staffSession.getState().signOut())
  }
  return (
    <View className='staff' id='staff'>
      <View className='staff__head'>
        <Text className='staff__store'>{session.storeName}</Text>
        <View className='tabs'>
          <View id='tab-board' className={`tab ${tab === 'board' ? 'tab--on' : ''}`} onClick={() => go('board')}>
            看板{fresh > 0 ? ` · ${fresh} 新` : ''}
          </View>
          <View id='tab-counter' className={`tab ${tab === 'counter' ? 'tab--on' : ''}`} onClick={() => go('counter')}>
            点单
          </View>
        </View>
        <Text className='staff__who'>{session.name}</Text>
        <View className='staff__signout' id='sign-out' onClick={signOut}>
          {confirmSignOut ? `${pending} 单未同步, 再点一次退出` : '退出'}
        </View>
      </View>
      <SyncBar onSignInAgain={() => staffSession.getState().signOut()} />
      <View className='staff__body'>
        <View className={tab === 'board' ? 'screen' : 'screen screen--hidden'}>
          <Board />
        </View>
        <View className={tab === 'counter' ? 'screen' : 'screen screen--hidden'}>
          <Counter />
        </View>
      </View>
    </View>
  )
}
