import { Text, View } from '@tarojs/components'
import type { StoreSummary } from '@xiaodian/shared'
import { useEffect, useState } from 'react'
import { OwnerApiError } from '../core/owner-api'
import { ownerApi, ownerSession } from '../services'

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫'] as const

/** The owner signs in with the store's owner PIN; the token is kept through the platform storage adapter. */
export function PinLogin() {
  const [stores, setStores] = useState<readonly StoreSummary[] | null>(null)
  const [storeId, setStoreId] = useState<string>(ownerSession.getState().lastStoreId ?? '')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    ownerApi.stores().then(
      (list) => {
        setStores(list)
        setStoreId((current) => current || list[0]?.id || '')
      },
      () => setStores([]),
    )
  }, [])

  const submit = async () => {
    if (busy || pin.length < 4 || storeId === '') return
    setBusy(true)
    setError(null)
    try {
      const r = await ownerApi.signIn(storeId, pin)
      if (r.role !== 'owner') {
        setError('这是店员 PIN,报表需要老板 PIN')
        setPin('')
        return
      }
      ownerSession.getState().signIn({ token: r.token, storeId: r.storeId, storeName: r.storeName, name: r.name })
    } catch (e) {
      setError(
        e instanceof OwnerApiError && e.status === 401
          ? 'PIN 不对'
          : e instanceof OwnerApiError && e.status === 429
            ? '试得太多了,请稍后再试'
            : '登录失败,请检查网络',
      )
      setPin('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='owner-login' id='owner-login'>
      <Text className='owner-login__title'>老板登录</Text>
      <View className='owner-login__stores'>
        {stores === null ? <Text className='note'>正在读取门店…</Text> : null}
        {stores?.map((s) => (
          <View
            key={s.id}
            id={`store-${s.id}`}
            className={`owner-chip ${s.id === storeId ? 'owner-chip--on' : ''}`}
            onClick={() => setStoreId(s.id)}
          >
            {s.name}
          </View>
        ))}
      </View>
      <Text className='owner-login__pin' id='pin-display'>
        {pin.length === 0 ? '输入老板 PIN' : '●'.repeat(pin.length)}
      </Text>
      <View className='owner-pad'>
        {DIGITS.map((d) =>
          d === '' ? (
            <View key='blank' className='owner-pad__key owner-pad__key--blank' />
          ) : (
            <View
              key={d}
              id={d === '⌫' ? 'pin-back' : `pin-${d}`}
              className='owner-pad__key'
              onClick={() => setPin((p) => (d === '⌫' ? p.slice(0, -1) : p.length < 8 ? p + d : p))}
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
        className={`owner-primary ${pin.length >= 4 && !busy ? '' : 'owner-primary--off'}`}
        id='login-submit'
        onClick={submit}
      >
        {busy ? '登录中…' : '查看报表'}
      </View>
    </View>
  )
}
