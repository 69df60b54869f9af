import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { businessDayOf } from '@xiaodian/domain'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { describe, expect, it } from 'vitest'
import { FakeBff, FakeNetwork, meituanOrder, memoryKv } from '@/offline/fake-bff.test-helpers'
import type { TabletPlatform } from '@/offline/tablet'
import { TabletProvider } from '../hooks/use-tablet'
import { Board } from './board'
import { SyncBar } from './sync-bar'

function platform(bff: FakeBff, network: FakeNetwork): TabletPlatform {
  return {
    http: bff.http,
    openStream: bff.openStream,
    baseUrl: '',
    origin: 'http://bff.test',
    kv: memoryKv(),
    rxStorage: getRxStorageMemory() as TabletPlatform['rxStorage'],
    multiInstance: false,
    network,
    ring: () => {},
    now: () => Date.now(),
    databaseName: `xd-board-${Math.random().toString(36).slice(2)}`,
    undoMs: 60_000,
    retryTimeMs: 50,
  }
}

describe('the board page', () => {
  it('shows a Meituan order with its badge and alert, and moves it with an undo', async () => {
    const bff = new FakeBff()
    const day = businessDayOf(Date.now(), 'Asia/Shanghai', 240)
    const network = new FakeNetwork(true)
    const p = platform(bff, network)
    const view = render(
      <TabletProvider storeId='tea-01' token={() => 't'} platform={() => p} fallback='opening'>
        <SyncBar onSignInAgain={() => {}} />
        <Board />
      </TabletProvider>,
    )
    await waitFor(() => expect(view.container.querySelector('#sync-online')?.textContent).toContain('实时同步'))
    act(() => bff.ingest(meituanOrder('tea-01', '5', Date.now(), day)))

    const card = await waitFor(() => {
      const el = view.container.querySelector('#order-meituan-5')
      if (!el) throw new Error('no card yet')
      return el
    })
    expect(card.textContent).toContain('M007')
    expect(card.textContent).toContain('美团')
    expect(card.textContent).toContain('珍珠奶茶(大杯)')
    await waitFor(() => expect(view.container.querySelector('#new-order-alert')?.textContent).toContain('新订单 1'))

    fireEvent.click(view.container.querySelector('#move-accept-meituan-5') as Element)
    await waitFor(() => expect(view.container.querySelector('#column-accepted #order-meituan-5')).not.toBeNull())
    expect(view.container.querySelector('#new-order-alert')).toBeNull()
    fireEvent.click(await screen.findByText(/撤销/))
    await waitFor(() => expect(view.container.querySelector('#column-new #order-meituan-5')).not.toBeNull())
    view.unmount()
  })
})
