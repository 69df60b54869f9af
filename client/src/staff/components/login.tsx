import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { SignInError, signInWithPin } from '@/offline/staff-session'
import { audio, staffHttp, staffSession } from '../services'

interface StoreChoice {
  readonly id: string
  readonly name: string
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫'] as const

/** Staff sign in with the store PIN (once per shift; the token is kept on the tablet). */
export function Login() {
  const lastStoreId = useStore(staffSession, (s) => s.lastStoreId)
  const [stores, setStores] = useState<readonly StoreChoice[] | null>(null)
  const [storeId, setStoreId] = useState<string>(lastStoreId ?? '')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    staffHttp.request({ path: '/api/stores' }).then(
      (res) => {
        const list = (res.data as { stores?: StoreChoice[] } | undefined)?.stores ?? []
        setStores(list)
        setStoreId((current) => current || list[0]?.id || '')
      },
      () => setStores([]),
    )
  }, [])

  const submit = async () => {
    if (busy || pin.length < 4 || storeId === '') return
    audio.unlock()
    setBusy(true)
    setError(null)
    try {
      staffSession.getState().signIn(await signInWithPin(staffHttp, storeId, pin, Date.now()))
    } catch (e) {
      setError(e instanceof SignInError ? e.message : '登录失败')
      setPin('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='staff login' id='staff-login'>
      <Text className='login__title' id='page-title'>
        员工看板
      </Text>
      <Text className='note'>选择门店, 输入 PIN 登录 (每班一次, 之后断网也能用)</Text>
      <View className='login__stores'>
        {stores === null ? <Text className='note'>正在读取门店…</Text> : null}
        {stores !== null && stores.length === 0 ? <Text className='note'>连不上服务器: 登录需要联网一次</Text> : null}
        {stores?.map((s) => (
          <View
            key={s.id}
            id={`store-${s.id}`}
            className={`chip ${s.id === storeId ? 'chip--on' : ''}`}
            onClick={() => setStoreId(s.id)}
          >
            {s.name}
          </View>
        ))}
      </View>
      <Text className='login__pin' id='pin-display'>
        {pin.length === 0 ? '输入 PIN' : '●'.repeat(pin.length)}
      </Text>
      <View className='pad'>
        {DIGITS.map((d) =>
          d === '' ? (
            <View key='blank' className='pad__key pad__key--blank' />
          ) : (
            <View
              key={d}
              id={d === '⌫' ? 'pin-back' : `pin-${d}`}
              className='pad__key'
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
      <View className={`primary ${pin.length >= 4 && !busy ? '' : 'primary--off'}`} id='login-submit' onClick={submit}>
        {busy ? '登录中…' : '登录'}
      </View>
    </View>
  )
}
