import { describe, expect, it } from 'vitest'
import type { HttpClient } from '@/platform/http'
import { memoryKv } from './fake-bff.test-helpers'
import { createStaffSessionStore, signInWithPin } from './staff-session'

describe('staff sign-in', () => {
  it('keeps the token through a reload', async () => {
    const http: HttpClient = {
      request: async (req) => {
        expect(req).toMatchObject({ method: 'POST', path: '/api/auth/staff', body: { storeId: 'tea-01', pin: '1111' } })
        return {
          status: 200,
          data: { token: 't', role: 'staff', name: '小李', storeId: 'tea-01', storeName: '茶语小栈' },
        }
      },
    }
    const kv = memoryKv()
    createStaffSessionStore(kv)
      .getState()
      .signIn(await signInWithPin(http, 'tea-01', '1111', 7))
    // The key tablets already hold their session under: changing it signs every tablet out.
    expect(kv.getItem('xd.staff.session')).toContain('"token":"t"')
    const reloaded = createStaffSessionStore(kv).getState()
    expect(reloaded.session).toMatchObject({ token: 't', storeId: 'tea-01', name: '小李', signedInAt: 7 })
    reloaded.signOut()
    expect(createStaffSessionStore(kv).getState()).toMatchObject({ session: null, lastStoreId: 'tea-01' })
  })

  it('says why it failed: a wrong PIN, or no network', async () => {
    const wrong: HttpClient = {
      request: async () => ({ status: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'x' } } }),
    }
    await expect(signInWithPin(wrong, 'tea-01', '0000', 0)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    const offline: HttpClient = {
      request: async () => {
        throw new TypeError('Failed to fetch')
      },
    }
    await expect(signInWithPin(offline, 'tea-01', '1111', 0)).rejects.toMatchObject({ code: 'OFFLINE' })
  })
})
