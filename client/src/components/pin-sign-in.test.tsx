import { fireEvent, render, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PinSignIn } from './pin-sign-in'

const stores = async () => [
  { id: 'tea-01', name: '人民路店' },
  { id: 'tea-02', name: '解放路店' },
]

describe('the PIN screen', () => {
  it.each([
    ['staff', 'staff-login', 'chip--on', 'primary'],
    ['owner', 'owner-login', 'owner-chip--on', 'owner-primary'],
  ] as const)(
    'signs %s in to the chosen store with the PIN tapped, under the ids the browser suites select',
    async (role, rootId, chipOn, primary) => {
      const signIn = vi.fn(async () => null)
      const view = render(<PinSignIn who={role} lastStoreId='tea-02' loadStores={stores} signIn={signIn} />)
      const $ = (selector: string) => view.container.querySelector(selector) as Element
      expect($(`#${rootId}`)).not.toBeNull()
      await waitFor(() => expect($('#store-tea-01')).not.toBeNull())
      // The store last signed in to stays chosen.
      expect($('#store-tea-02').className).toContain(chipOn)
      fireEvent.click($('#store-tea-01'))
      for (const d of '12345') fireEvent.click($(`#pin-${d}`))
      fireEvent.click($('#pin-back'))
      expect($('#pin-display').textContent).toBe('●●●●')
      expect($('#login-submit').className).toContain(primary)
      expect($('#login-submit').className).not.toContain(`${primary}--off`)
      fireEvent.click($('#login-submit'))
      await waitFor(() => expect(signIn).toHaveBeenCalledWith('tea-01', '1234'))
    },
  )

  it('says why a sign-in was refused and clears the PIN', async () => {
    const view = render(
      <PinSignIn
        who='owner'
        lastStoreId={null}
        loadStores={stores}
        signIn={async () => '这是店员 PIN,报表需要老板 PIN'}
      />,
    )
    const $ = (selector: string) => view.container.querySelector(selector) as Element
    await waitFor(() => expect($('#store-tea-01').className).toContain('owner-chip--on'))
    for (const d of '1111') fireEvent.click($(`#pin-${d}`))
    fireEvent.click($('#login-submit'))
    await waitFor(() => expect($('#login-error')?.textContent).toContain('老板 PIN'))
    expect($('#pin-display').textContent).toBe('输入老板 PIN')
  })

  it('tells staff that the first sign-in needs the network when no store can be read', async () => {
    const view = render(
      <PinSignIn
        who='staff'
        lastStoreId={null}
        loadStores={() => Promise.reject(new Error('offline'))}
        signIn={async () => null}
      />,
    )
    await waitFor(() => expect(view.container.textContent).toContain('登录需要联网一次'))
    expect(view.container.querySelector('#page-title')?.textContent).toBe('员工看板')
  })
})
