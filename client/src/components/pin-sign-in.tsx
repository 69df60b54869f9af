import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { PinRole } from '@/core/pin-session'

/** A store to sign in to. */
export interface StoreChoice {
  readonly id: string
  readonly name: string
}

export interface PinSignInProps {
  /** Whose screen it is: the copy, the ids and the role's stylesheet classes follow from it. */
  readonly who: PinRole
  /** The store chosen first, unless the list says otherwise (the last one signed in to). */
  readonly lastStoreId: string | null
  /** The stores to choose from; a failure shows an empty list. */
  readonly loadStores: () => Promise<readonly StoreChoice[]>
  /**
   * Signs in and keeps the session; resolves with what to tell the user when refused, or null when
   * signed in. Called inside the tap, so what it does before its first `await` counts as a user gesture.
   */
  readonly signIn: (storeId: string, pin: string) => Promise<string | null>
}

interface RoleLook {
  readonly id: string
  /** Prefix of the role stylesheet's classes: `login`, `chip`, `pad`, `primary` (staff) or `owner-…`. */
  readonly prefix: string
  readonly rootClass: string
  readonly title: string
  readonly titleId?: string
  readonly hint?: string
  /** Said when no store could be read. */
  readonly noStores?: string
  readonly placeholder: string
  readonly submit: string
}

// The ids are what the browser suites (test/staff, test/owner) and the weapp harness select.
const LOOK: Record<PinRole, RoleLook> = {
  staff: {
    id: 'staff-login',
    prefix: '',
    rootClass: 'staff login',
    title: '员工看板',
    titleId: 'page-title',
    hint: '选择门店, 输入 PIN 登录 (每班一次, 之后断网也能用)',
    noStores: '连不上服务器: 登录需要联网一次',
    placeholder: '输入 PIN',
    submit: '登录',
  },
  owner: {
    id: 'owner-login',
    prefix: 'owner-',
    rootClass: 'owner-login',
    title: '老板登录',
    placeholder: '输入老板 PIN',
    submit: '查看报表',
  },
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫'] as const

/** The PIN screen staff and owners share: choose the store, tap the PIN, sign in. */
export function PinSignIn({ who, lastStoreId, loadStores, signIn }: PinSignInProps) {
  const look = LOOK[who]
  const p = look.prefix
  const [stores, setStores] = useState<readonly StoreChoice[] | null>(null)
  const [storeId, setStoreId] = useState<string>(lastStoreId ?? '')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    loadStores().then(
      (list) => {
        setStores(list)
        setStoreId((current) => current || list[0]?.id || '')
      },
      () => setStores([]),
    )
  }, [loadStores])

  const submit = async () => {
    if (busy || pin.length < 4 || storeId === '') return
    setBusy(true)
    setError(null)
    try {
      const refused = await signIn(storeId, pin)
      if (refused !== null) {
        setError(refused)
        setPin('')
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={look.rootClass} id={look.id}>
      <Text className={`${p}login__title`} {...(look.titleId ? { id: look.titleId } : {})}>
        {look.title}
      </Text>
      {look.hint ? <Text className='note'>{look.hint}</Text> : null}
      <View className={`${p}login__stores`}>
        {stores === null ? <Text className='note'>正在读取门店…</Text> : null}
        {look.noStores && stores !== null && stores.length === 0 ? <Text className='note'>{look.noStores}</Text> : null}
        {stores?.map((s) => (
          <View
            key={s.id}
            id={`store-${s.id}`}
            className={`${p}chip ${s.id === storeId ? `${p}chip--on` : ''}`}
            onClick={() => setStoreId(s.id)}
          >
            {s.name}
          </View>
        ))}
      </View>
      <Text className={`${p}login__pin`} id='pin-display'>
        {pin.length === 0 ? look.placeholder : '●'.repeat(pin.length)}
      </Text>
      <View className={`${p}pad`}>
        {DIGITS.map((d) =>
          d === '' ? (
            <View key='blank' className={`${p}pad__key ${p}pad__key--blank`} />
          ) : (
            <View
              key={d}
              id={d === '⌫' ? 'pin-back' : `pin-${d}`}
              className={`${p}pad__key`}
              onClick={() => setPin((v) => (d === '⌫' ? v.slice(0, -1) : v.length < 8 ? v + d : v))}
            >
              {d}
            </View>
          ),
        )}
      </View>
      {error !== null ? (
        <Text className='note note--error' id='login-error'>
          {error}
        </Text>
      ) : null}
      <View
        className={`${p}primary ${pin.length >= 4 && !busy ? '' : `${p}primary--off`}`}
        id='login-submit'
        onClick={submit}
      >
        {busy ? '登录中…' : look.submit}
      </View>
    </View>
  )
}
