import { useQuery } from '@tanstack/react-query'
import type { MenuResponse } from '@xiaodian/shared'
import { Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import { CartBar } from '@/components/cart-bar'
import { go, PAGES, usePageParams } from '@/components/nav'
import { OfflineBanner, QueryView } from '@/components/query-view'
import { useConsumer } from '@/consumer/hooks'
import { domainMenu, soldOutMarks } from '@/consumer/selection'
import { sessionStore, useSession } from '@/stores/session'
import { MenuView } from './menu-view'
import { OptionSheet } from './option-sheet'
import { StatusFooter } from './status-footer'
import '@/components/common.scss'
import './index.scss'

/** How often the menu is fetched again while open, so sold-out marks set by staff show up. */
export const MENU_REFRESH_MS = 5_000

/** Store home (consumer entry): pick a shop, browse its menu, choose options, fill the cart. */
export default function Index() {
  const params = usePageParams()
  const { api, cart, followSoldOut } = useConsumer()
  const chosen = useSession((s) => s.storeId)
  useEffect(() => {
    if (params.storeId) sessionStore.getState().selectStore(params.storeId)
  }, [params.storeId])

  const stores = useQuery({ queryKey: ['stores'], queryFn: ({ signal }) => api.stores(signal), staleTime: 300_000 })
  const storeId = chosen ?? stores.data?.[0]?.id ?? null
  const menu = useQuery({
    queryKey: ['menu', storeId],
    queryFn: ({ signal }) => api.menu(storeId ?? '', signal),
    enabled: storeId !== null,
    refetchInterval: MENU_REFRESH_MS,
  })
  // Staff marks arrive through the long-poll feed at once; the menu's own refresh is the fallback.
  const [live, setLive] = useState<{ storeId: string; marks: MenuResponse['soldOut']; at: number } | null>(null)
  useEffect(() => {
    if (storeId === null) return
    return followSoldOut(storeId, ({ items, skus, options }) =>
      setLive({ storeId, marks: { items, skus, options }, at: Date.now() }),
    )
  }, [followSoldOut, storeId])
  const marks = useMemo(() => {
    if (!menu.data) return {}
    // Whichever of the two answered last is the newer word.
    const feed = live !== null && live.storeId === storeId && live.at > menu.dataUpdatedAt ? live.marks : undefined
    return soldOutMarks(feed ?? menu.data.soldOut)
  }, [menu.data, menu.dataUpdatedAt, live, storeId])
  const [pickingId, setPickingId] = useState<string | null>(null)
  const picking = menu.data?.menu.categories.flatMap((c) => c.items).find((i) => i.id === pickingId)
  const [toast, setToast] = useState<string | null>(null)
  useEffect(() => {
    if (toast === null) return
    const t = setTimeout(() => setToast(null), 1500)
    return () => clearTimeout(t)
  }, [toast])

  return (
    <View className='page home'>
      <OfflineBanner />
      <View className='home__head'>
        <Text className='page__title'>小店</Text>
        <Text className='home__sub'>{menu.data?.store.name ?? '欢迎光临'}</Text>
      </View>
      {stores.data && stores.data.length > 1 ? (
        <View className='home__stores' id='store-picker'>
          {stores.data.map((s) => (
            <View
              key={s.id}
              id={`store-${s.id}`}
              className={`chip ${s.id === storeId ? 'chip--on' : ''}`}
              onClick={() => sessionStore.getState().selectStore(s.id)}
            >
              <Text>{s.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='home__entries'>
        <View className='entry' id='go-orders' onClick={() => go(PAGES.orders, { storeId: storeId ?? undefined })}>
          <Text className='entry__icon'>单</Text>
          <Text className='entry__name'>我的订单</Text>
        </View>
        <View className='entry' id='go-booking' onClick={() => go(PAGES.booking, { storeId: storeId ?? undefined })}>
          <Text className='entry__icon'>约</Text>
          <Text className='entry__name'>预约</Text>
        </View>
        <View className='entry' id='go-passes' onClick={() => go(PAGES.passes, { storeId: storeId ?? undefined })}>
          <Text className='entry__icon'>卡</Text>
          <Text className='entry__name'>次卡月卡</Text>
        </View>
        <View className='entry' id='go-group' onClick={() => go(PAGES.group, { storeId: storeId ?? undefined })}>
          <Text className='entry__icon'>拼</Text>
          <Text className='entry__name'>一起点</Text>
        </View>
      </View>
      {menu.data && menu.data.promotions.length > 0 ? (
        <View className='home__promos' id='promo-banner'>
          {menu.data.promotions.map((p) => (
            <Text key={p.id} className='home__promo'>
              {p.name}
            </Text>
          ))}
        </View>
      ) : null}
      {storeId === null ? (
        <QueryView query={stores} name='stores'>
          {() => <Text className='note'>暂无门店</Text>}
        </QueryView>
      ) : (
        <QueryView query={menu} name='menu'>
          {(data) => <MenuView data={data} marks={marks} onPick={(item) => setPickingId(item.id)} />}
        </QueryView>
      )}
      <StatusFooter />
      {storeId !== null ? <CartBar storeId={storeId} /> : null}
      {picking && menu.data && storeId !== null ? (
        <OptionSheet
          key={picking.id}
          menu={domainMenu(menu.data.menu)}
          item={picking as Parameters<typeof OptionSheet>[0]['item']}
          marks={marks}
          kind={menu.data.store.kind}
          onClose={() => setPickingId(null)}
          onAdd={(selection, display) => {
            cart.getState().add(storeId, selection, display)
            setPickingId(null)
            setToast(`已加入 ${display.name}`)
          }}
        />
      ) : null}
      {toast !== null ? (
        <View className='toast' id='toast'>
          <Text>{toast}</Text>
        </View>
      ) : null}
    </View>
  )
}
