import { useMutation, useQuery } from '@tanstack/react-query'
import { formatYuan } from '@xiaodian/domain'
import { LockCartResponse, type MenuResponse } from '@xiaodian/shared'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import { useStore } from 'zustand'
import { go, PAGES } from '@/components/nav'
import { OfflineBanner, QueryView } from '@/components/query-view'
import { errorText } from '@/consumer/api'
import { type GroupCartSession, openGroupCart } from '@/consumer/group-cart-session'
import { useConsumer } from '@/consumer/hooks'
import { payOrder } from '@/consumer/pay-order'
import { domainMenu, fromPriceFen, isItemSoldOut, soldOutMarks } from '@/consumer/selection'
import { apiBase } from '@/config'
import { OptionSheet } from '@/pages/index/option-sheet'
import { paymentMode, requestPayment } from '@/platform/payment'
import { PlatformSocket, socketUrl } from '@/platform/socket'

/** The shared cart of a 一起点: everyone adds from their own phone; the host locks it and pays. */
export function GroupCartView({ storeId, cartId, code }: { storeId: string; cartId: string; code?: string }) {
  const { api } = useConsumer()
  const [session, setSession] = useState<GroupCartSession | null>(null)
  const [failed, setFailed] = useState<unknown>(null)
  useEffect(() => {
    let opened: GroupCartSession | undefined
    let stopped = false
    Promise.all([api.token(), api.openid()]).then(
      ([token, openid]) => {
        if (stopped) return
        opened = openGroupCart({ wsBase: socketUrl(apiBase, '/collab'), cartId, token, openid, Socket: PlatformSocket })
        setSession(opened)
      },
      (error: unknown) => setFailed(error),
    )
    return () => {
      stopped = true
      opened?.close()
    }
  }, [api, cartId])
  const menu = useQuery({ queryKey: ['menu', storeId], queryFn: ({ signal }) => api.menu(storeId, signal) })

  return (
    <View className='page group-cart'>
      <OfflineBanner />
      <Text className='page__title'>一起点</Text>
      {code ? (
        <Text className='note' id='group-cart-code'>
          {`口令 ${code} · 发给朋友一起加`}
        </Text>
      ) : null}
      {failed ? <Text className='note note--error'>{errorText(failed)}</Text> : null}
      {session ? (
        <QueryView query={menu} name='group-menu'>
          {(data) => <SharedCart storeId={storeId} cartId={cartId} session={session} menu={data} />}
        </QueryView>
      ) : null}
    </View>
  )
}

function SharedCart({
  storeId,
  cartId,
  session,
  menu,
}: {
  storeId: string
  cartId: string
  session: GroupCartSession
  menu: MenuResponse
}) {
  const { api } = useConsumer()
  const state = useStore(session.store)
  const marks = useMemo(() => soldOutMarks(menu.soldOut), [menu])
  const items = domainMenu(menu.menu).categories.flatMap((c) => c.items)
  const [picking, setPicking] = useState<string | null>(null)
  const item = items.find((i) => i.id === picking)
  const me = state.members.find((m) => m.openid === session.me)
  const nameOf = (openid: string) => state.members.find((m) => m.openid === openid)?.nickname ?? '朋友'
  const status = String(state.meta.status ?? 'open')
  const lock = useMutation({
    mutationFn: async () => {
      const locked = await api.call(
        {
          method: 'POST',
          path: `/api/stores/${encodeURIComponent(storeId)}/carts/${encodeURIComponent(cartId)}/lock`,
          body: { payMode: 'host', fulfilment: 'pickup' },
        },
        LockCartResponse,
      )
      await payOrder({ api, paymentMode, requestPayment }, storeId, locked.orderId)
      return locked
    },
    onSuccess: (locked) => go(PAGES.order, { storeId, orderId: locked.orderId }),
  })

  return (
    <View className='group-cart__body'>
      <View className='panel' id='group-members'>
        <Text className='panel__title'>{`成员 (${state.members.length})`}</Text>
        <Text className='note'>
          {state.members.map((m) => `${m.nickname}${m.host ? '(发起人)' : ''}`).join('、') || '连接中…'}
        </Text>
        <Text className='note' id='group-connection'>
          {state.connection === 'connected' ? '● 已同步' : '○ 正在连接…'}
        </Text>
      </View>

      <View className='panel' id='group-lines'>
        <Text className='panel__title'>购物车</Text>
        {state.lines.length === 0 ? <Text className='note'>还没有人加东西</Text> : null}
        {state.lines.map((l) => (
          <View className='row' key={l.id} id={`gline-${l.id}`}>
            <View className='group-cart__line'>
              <Text>{`${l.name} × ${l.quantity}`}</Text>
              <Text className='row__label'>{l.author === session.me ? '我' : nameOf(l.author)}</Text>
            </View>
            {l.author === session.me && status === 'open' ? (
              <View className='stepper'>
                <View className='stepper__btn' onClick={() => session.setQuantity(l.id, l.quantity - 1)}>
                  −
                </View>
                <View className='stepper__btn' onClick={() => session.setQuantity(l.id, l.quantity + 1)}>
                  +
                </View>
              </View>
            ) : null}
          </View>
        ))}
      </View>

      {status === 'ordered' ? (
        <View className='panel' id='group-ordered'>
          <Text className='panel__title'>{`已下单 · 取餐号 ${String(state.meta.pickupNumber ?? '--')}`}</Text>
        </View>
      ) : null}

      {status === 'open' ? (
        <View className='panel'>
          <Text className='panel__title'>加点什么</Text>
          {items.map((i) => {
            const off = isItemSoldOut(i, marks)
            return (
              <View
                key={i.id}
                className={`row group-cart__item ${off ? 'item--soldout' : ''}`}
                id={`gitem-${i.id}`}
                onClick={() => !off && setPicking(i.id)}
              >
                <Text>{i.name}</Text>
                <Text className='price'>{off ? '已售罄' : formatYuan(fromPriceFen(i), { trim: true })}</Text>
              </View>
            )
          })}
        </View>
      ) : null}

      {lock.error ? <Text className='note note--error'>{errorText(lock.error)}</Text> : null}
      {me?.host && status === 'open' ? (
        <Button
          className={`btn ${state.lines.length === 0 || lock.isPending ? 'btn--disabled' : ''}`}
          id='group-lock'
          disabled={state.lines.length === 0 || lock.isPending}
          onClick={() => lock.mutate()}
        >
          {lock.isPending ? '下单中…' : '大家选好了, 下单并支付'}
        </Button>
      ) : status === 'open' ? (
        <Text className='note'>选好后由发起人统一下单</Text>
      ) : null}

      {item ? (
        <OptionSheet
          key={item.id}
          menu={domainMenu(menu.menu)}
          item={item}
          marks={marks}
          kind={menu.store.kind}
          onClose={() => setPicking(null)}
          onAdd={(selection, display) => {
            session.add(selection, `${display.name}${display.detail ? `(${display.detail})` : ''}`)
            setPicking(null)
          }}
        />
      ) : null}
    </View>
  )
}
