import { focusManager, onlineManager } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import type { NetworkEvents } from '@/platform/network'
import { bindQueryManagers } from './query-client'

function fakeNetwork() {
  const online = new Set<(online: boolean) => void>()
  const focus = new Set<(focused: boolean) => void>()
  const network: NetworkEvents = {
    onOnlineChange: (listener) => {
      online.add(listener)
      return () => online.delete(listener)
    },
    onFocusChange: (listener) => {
      focus.add(listener)
      return () => focus.delete(listener)
    },
  }
  return {
    network,
    setOnline: (value: boolean) => {
      for (const listener of online) listener(value)
    },
    setFocused: (value: boolean) => {
      for (const listener of focus) listener(value)
    },
    listeners: () => online.size + focus.size,
  }
}

describe('bindQueryManagers', () => {
  afterEach(() => {
    onlineManager.setOnline(true)
    focusManager.setFocused(undefined)
  })

  it("feeds the platform's network and show/hide events to react-query", () => {
    const fake = fakeNetwork()
    // The managers only subscribe while something listens to them (a QueryClient, in the app).
    const unsubscribe = [onlineManager.subscribe(() => {}), focusManager.subscribe(() => {})]
    bindQueryManagers(fake.network)
    expect(fake.listeners()).toBe(2)

    fake.setOnline(false)
    expect(onlineManager.isOnline()).toBe(false)
    fake.setOnline(true)
    expect(onlineManager.isOnline()).toBe(true)

    fake.setFocused(false)
    expect(focusManager.isFocused()).toBe(false)
    fake.setFocused(true)
    expect(focusManager.isFocused()).toBe(true)

    for (const off of unsubscribe) off()
    expect(fake.listeners()).toBe(0)
  })
})
