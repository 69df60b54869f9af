import { ErrorResponse, StaffLoginResponse } from '@xiaodian/shared'
import type { StateStorage } from 'zustand/middleware'
import type { StoreApi } from 'zustand/vanilla'
import { createPinSessionStore, type PinSessionState } from '@/core/pin-session'
import type { HttpClient } from '@/platform/http'

/** Who is signed in on this tablet. Kept through reloads, so a tablet restarted offline stays signed in. */
export interface StaffSession {
  readonly token: string
  readonly storeId: string
  readonly storeName: string
  readonly name: string
  readonly role: 'staff' | 'owner'
  readonly signedInAt: number
}

/** The staff session of this tablet (key `xd.staff.session`), kept through reloads. */
export function createStaffSessionStore(storage: StateStorage): StoreApi<PinSessionState<StaffSession>> {
  return createPinSessionStore<StaffSession>(storage, 'staff')
}

/** Why a sign-in failed, for the PIN screen. */
export class SignInError extends Error {
  override readonly name = 'SignInError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** `POST /api/auth/staff`: signs in with the store PIN. Needs the network once; the token lasts a shift. */
export async function signInWithPin(
  http: HttpClient,
  storeId: string,
  pin: string,
  now: number,
): Promise<StaffSession> {
  let res: Awaited<ReturnType<HttpClient['request']>>
  try {
    res = await http.request({ method: 'POST', path: '/api/auth/staff', body: { storeId, pin } })
  } catch {
    throw new SignInError('OFFLINE', '连不上服务器: 登录需要联网一次')
  }
  const ok = StaffLoginResponse.safeParse(res.data)
  if (res.status === 200 && ok.success) {
    const { token, storeId: id, storeName, name, role } = ok.data
    return { token, storeId: id, storeName, name, role, signedInAt: now }
  }
  const error = ErrorResponse.safeParse(res.data)
  if (res.status === 401) throw new SignInError('UNAUTHENTICATED', '门店或 PIN 不对')
  if (res.status === 429) throw new SignInError('RATE_LIMITED', '尝试太多次, 请稍后再试')
  throw new SignInError(
    error.success ? error.data.error.code : `HTTP_${res.status}`,
    error.success ? error.data.error.message : `登录失败 (${res.status})`,
  )
}
