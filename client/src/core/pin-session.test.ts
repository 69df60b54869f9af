import { describe, expect, it } from 'vitest'
import { memoryKv } from '@/offline/fake-bff.test-helpers'
import { createPinSessionStore } from './pin-session'

interface Session {
  readonly storeId: string
  readonly token: string
}

describe('PIN sessions', () => {
  it('keeps the staff and the owner session of one device apart, each through a reload', () => {
    const kv = memoryKv()
    createPinSessionStore<Session>(kv, 'staff').getState().signIn({ storeId: 'tea-01', token: 's' })
    createPinSessionStore<Session>(kv, 'owner').getState().signIn({ storeId: 'tea-02', token: 'o' })
    // The keys devices already hold their sessions under: changing one signs everybody out.
    expect(kv.getItem('xd.staff.session')).toContain('"token":"s"')
    expect(kv.getItem('xd.owner.session')).toContain('"token":"o"')

    const owner = createPinSessionStore<Session>(kv, 'owner').getState()
    expect(owner.session).toEqual({ storeId: 'tea-02', token: 'o' })
    owner.signOut()
    expect(createPinSessionStore(kv, 'owner').getState()).toMatchObject({ session: null, lastStoreId: 'tea-02' })
    expect(createPinSessionStore(kv, 'staff').getState().session).toMatchObject({ token: 's' })
  })
})
