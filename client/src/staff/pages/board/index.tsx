import { Text } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useStore } from 'zustand'
import { Role } from '@/core/session'
import { sessionStore } from '@/stores/session'
import { Login } from '../../components/login'
import { StaffShell } from '../../components/staff-shell'
import { TabletProvider } from '../../hooks/use-tablet'
import { appShell, staffSession, tabletPlatform } from '../../services'
import '../../staff.scss'

const token = () => staffSession.getState().session?.token ?? null

/**
 * The staff tablet (h5): sign in with the store PIN, then the order board and the counter, working
 * from the tablet's own database so a whole shift can run offline.
 */
export default function StaffPage() {
  useLoad(() => {
    sessionStore.getState().enter(Role.staff)
    appShell.keepOffline()
  })
  const session = useStore(staffSession, (s) => s.session)
  if (session === null) return <Login />
  return (
    <TabletProvider
      key={session.storeId}
      storeId={session.storeId}
      token={token}
      platform={tabletPlatform}
      fallback={<Text className='note'>正在打开本地数据…</Text>}
    >
      <StaffShell session={session} />
    </TabletProvider>
  )
}
