import { useQuery } from '@tanstack/react-query'
import { formatYuan } from '@xiaodian/domain'
import { Text, View } from '@tarojs/components'
import { go, PAGES, usePageParams } from '@/components/nav'
import { OfflineBanner, QueryView } from '@/components/query-view'
import { useConsumer } from '@/consumer/hooks'
import { pickupLabel, statusText } from '@/consumer/order-status'
import { useSession } from '@/stores/session'
import '@/components/common.scss'
import './index.scss'

/** Order history at this store, newest first. */
export function OrdersView({ storeId }: { storeId: string }) {
  const { api } = useConsumer()
  const orders = useQuery({ queryKey: ['my-orders', storeId], queryFn: ({ signal }) => api.myOrders(storeId, signal) })
  return (
    <View className='page history'>
      <OfflineBanner />
      <Text className='page__title'>我的订单</Text>
      <QueryView query={orders} name='orders'>
        {(list) =>
          list.length === 0 ? (
            <View className='state' id='orders-empty'>
              <Text className='state__text'>还没有订单</Text>
            </View>
          ) : (
            <View className='history__list' id='orders-list'>
              {list.map((o) => (
                <View
                  key={o.id}
                  className='history__item'
                  id={`history-${o.id}`}
                  onClick={() => go(PAGES.order, { storeId, orderId: o.id })}
                >
                  <View className='history__top'>
                    <Text className='history__number'>#{pickupLabel(o)}</Text>
                    <Text className='history__status'>{statusText(o)}</Text>
                  </View>
                  <Text className='history__lines'>{o.lines.map((l) => `${l.itemName}×${l.quantity}`).join('、')}</Text>
                  <View className='history__top'>
                    <Text className='row__label'>{o.businessDay}</Text>
                    <Text className='price'>{formatYuan(o.amounts.totalFen)}</Text>
                  </View>
                </View>
              ))}
            </View>
          )
        }
      </QueryView>
    </View>
  )
}

export default function OrdersPage() {
  const params = usePageParams()
  const chosen = useSession((s) => s.storeId)
  return <OrdersView storeId={params.storeId ?? chosen ?? ''} />
}
