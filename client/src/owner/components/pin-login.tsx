import { useStore } from 'zustand'
import { PinSignIn } from '@/components/pin-sign-in'
import { OwnerApiError } from '../core/owner-api'
import { ownerApi, ownerSession } from '../services'

const loadStores = () => ownerApi.stores()

async function signIn(storeId: string, pin: string): Promise<string | null> {
  try {
    const r = await ownerApi.signIn(storeId, pin)
    // The BFF signs staff and owners in at one endpoint; only the owner's PIN opens the reports.
    if (r.role !== 'owner') return '这是店员 PIN,报表需要老板 PIN'
    ownerSession.getState().signIn({ token: r.token, storeId: r.storeId, storeName: r.storeName, name: r.name })
    return null
  } catch (e) {
    if (e instanceof OwnerApiError && e.status === 401) return 'PIN 不对'
    if (e instanceof OwnerApiError && e.status === 429) return '试得太多了,请稍后再试'
    return '登录失败,请检查网络'
  }
}

/** The owner signs in with the store's owner PIN; the token is kept through the platform storage adapter. */
export function PinLogin() {
  const lastStoreId = useStore(ownerSession, (s) => s.lastStoreId)
  return <PinSignIn who='owner' lastStoreId={lastStoreId} loadStores={loadStores} signIn={signIn} />
}
