import { useStore } from 'zustand'
import { PinSignIn, type StoreChoice } from '@/components/pin-sign-in'
import { SignInError, signInWithPin } from '@/offline/staff-session'
import { audio, staffHttp, staffSession } from '../services'

async function loadStores(): Promise<readonly StoreChoice[]> {
  const res = await staffHttp.request({ path: '/api/stores' })
  return (res.data as { stores?: StoreChoice[] } | undefined)?.stores ?? []
}

async function signIn(storeId: string, pin: string): Promise<string | null> {
  // Before the first await: the tap is what lets the tablet play the new-order sound later.
  audio.unlock()
  try {
    staffSession.getState().signIn(await signInWithPin(staffHttp, storeId, pin, Date.now()))
    return null
  } catch (e) {
    return e instanceof SignInError ? e.message : '登录失败'
  }
}

/** Staff sign in with the store PIN (once per shift; the token is kept on the tablet). */
export function Login() {
  const lastStoreId = useStore(staffSession, (s) => s.lastStoreId)
  return <PinSignIn who='staff' lastStoreId={lastStoreId} loadStores={loadStores} signIn={signIn} />
}
