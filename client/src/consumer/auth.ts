import { ConsumerLoginResponse } from '@xiaodian/shared'
import type { HttpClient } from '@/platform/http'
import type { KeyValueStorage } from '@/platform/storage'

/** Where the consumer token is kept between launches. */
export const TOKEN_KEY = 'xd.consumer.token'
/** The openid the kept token speaks for (a group cart's lines name their author by it). */
export const OPENID_KEY = 'xd.consumer.openid'

/** The consumer's sign-in: one token, kept in storage, fetched once however many calls ask at the same time. */
export interface ConsumerAuth {
  token(): Promise<string>
  /** The signed-in consumer's openid (signing in first when needed). */
  openid(): Promise<string>
  /** Drops the kept token (the BFF refused it); the next `token()` signs in again. */
  invalidate(): void
}

export function createConsumerAuth(deps: {
  http: HttpClient
  storage: KeyValueStorage
  loginCode: () => Promise<string>
  nickname?: string
}): ConsumerAuth {
  let pending: Promise<string> | null = null
  const signIn = async (): Promise<string> => {
    const code = await deps.loginCode()
    const res = await deps.http.request({
      method: 'POST',
      path: '/api/auth/consumer',
      body: { code, ...(deps.nickname ? { nickname: deps.nickname } : {}) },
    })
    const parsed = ConsumerLoginResponse.safeParse(res.data)
    if (!parsed.success) throw new Error(`登录失败 (${res.status})`)
    deps.storage.setItem(TOKEN_KEY, parsed.data.token)
    deps.storage.setItem(OPENID_KEY, parsed.data.openid)
    return parsed.data.token
  }
  const token = () => {
    const kept = deps.storage.getItem(TOKEN_KEY)
    if (kept !== null) return Promise.resolve(kept)
    pending ??= signIn().finally(() => {
      pending = null
    })
    return pending
  }
  return {
    token,
    async openid() {
      let openid = deps.storage.getItem(OPENID_KEY)
      if (openid === null) {
        // A token kept from before openids were kept: sign in again to learn it.
        deps.storage.removeItem(TOKEN_KEY)
        await token()
        openid = deps.storage.getItem(OPENID_KEY)
      }
      if (openid === null) throw new Error('登录失败')
      return openid
    },
    invalidate() {
      deps.storage.removeItem(TOKEN_KEY)
      deps.storage.removeItem(OPENID_KEY)
    },
  }
}
