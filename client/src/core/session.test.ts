import { describe, expect, it } from 'vitest'
import type { KeyValueStorage } from '@/platform/storage'
import { createSessionStore, Role, SESSION_KEY } from './session'

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  }
}

describe('session store', () => {
  it('starts as a consumer with no shop', () => {
    const state = createSessionStore(memoryStorage()).getState()
    expect(state.role).toBe(Role.consumer)
    expect(state.storeId).toBeNull()
  })

  it('persists the shop and the role, and a new store restores them synchronously', () => {
    const storage = memoryStorage()
    const first = createSessionStore(storage)
    first.getState().selectStore('milk-tea')
    first.getState().enter(Role.staff)
    expect(JSON.parse(storage.map.get(SESSION_KEY) ?? '{}')).toMatchObject({
      state: { storeId: 'milk-tea', role: 'staff' },
    })

    const second = createSessionStore(storage).getState()
    expect(second.storeId).toBe('milk-tea')
    expect(second.role).toBe(Role.staff)
  })

  it('reset forgets both', () => {
    const store = createSessionStore(memoryStorage())
    store.getState().selectStore('car-wash')
    store.getState().enter(Role.owner)
    store.getState().reset()
    expect(store.getState()).toMatchObject({ storeId: null, role: Role.consumer })
  })
})
