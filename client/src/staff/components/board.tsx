import { ScrollView, Text, View } from '@tarojs/components'
import { type Order, addDays } from '@xiaodian/domain'
import { useStore } from 'zustand'
import { boardColumns, pickupLabel } from '@/offline/board-columns'
import { movedLabel } from '@/offline/order-moves'
import { useNow } from '../hooks/use-now'
import { useRecentOrders } from '../hooks/use-orders'
import { useTablet } from '../hooks/use-tablet'
import { boardSettings } from '../services'
import { OrderCard } from './order-card'

// The banner names the first few; the cards themselves are outlined.
const ALERT_SHOWN = 8

/** The order board: every order of the store from every channel, in columns by status. */
export function Board() {
  const tablet = useTablet()
  const now = useNow(1000)
  const today = tablet.businessDay(now)
  const orders = useRecentOrders(addDays(today, -1))
  const pending = useStore(tablet.moves.store, (s) => s.pending)
  const moveError = useStore(tablet.moves.store, (s) => s.error)
  const fresh = useStore(tablet.alerts, (s) => s.ids)
  const unsynced = useStore(tablet.sync, (s) => s.pendingIds)
  const { redAfterMinutes, sound, setRedAfter, setSound } = useStore(boardSettings)

  if (orders === null) return <Text className='note'>正在读取本地订单…</Text>
  const columns = boardColumns(orders, today, pending)
  const byId = new Map(orders.map((o) => [o.id, o]))
  const freshOrders = fresh.map((id) => byId.get(id)).filter((o): o is Order => o !== undefined)
  const pendingOrder = pending === null ? undefined : byId.get(pending.orderId)
  const seen = (o: Order) => tablet.alerts.acknowledge(o.id)

  return (
    <View className='board' id='board'>
      <View className='board__bar'>
        {freshOrders.length > 0 ? (
          <View className='alert' id='new-order-alert' onClick={() => tablet.alerts.acknowledge()}>
            <Text className='alert__title'>新订单 {freshOrders.length}</Text>
            <Text className='alert__list'>
              {freshOrders
                .slice(0, ALERT_SHOWN)
                .map((o) => pickupLabel(o))
                .join(' ')}
              {freshOrders.length > ALERT_SHOWN ? ' …' : ''}
            </Text>
            <Text className='alert__hint'>点此确认</Text>
          </View>
        ) : (
          <Text className='board__count' id='board-count'>
            今日 {orders.filter((o) => o.businessDay === today).length} 单
          </Text>
        )}
        {pending !== null && pendingOrder !== undefined ? (
          <View className='undo' id='undo-bar'>
            <Text>
              {pickupLabel(pendingOrder)} {movedLabel(pending.kind)}
            </Text>
            <View className='undo__button' id='undo' onClick={() => tablet.moves.undo()}>
              撤销 {Math.max(0, Math.ceil((pending.dueAt - now) / 1000))}s
            </View>
          </View>
        ) : moveError !== null ? (
          <Text className='undo undo--error'>{moveError}</Text>
        ) : null}
        <View className='board__settings'>
          <Text>超时变红</Text>
          <View className='stepper' id='red-after-minus' onClick={() => setRedAfter(redAfterMinutes - 1)}>
            −
          </View>
          <Text id='red-after'>{redAfterMinutes} 分钟</Text>
          <View className='stepper' id='red-after-plus' onClick={() => setRedAfter(redAfterMinutes + 1)}>
            +
          </View>
          <View className={`toggle ${sound ? 'toggle--on' : ''}`} id='sound-toggle' onClick={() => setSound(!sound)}>
            {sound ? '提示音 开' : '提示音 关'}
          </View>
        </View>
      </View>
      <View className='board__columns'>
        {columns.map((column) => (
          <View className={`column column--${column.key}`} key={column.key} id={`column-${column.key}`}>
            <View className='column__head'>
              <Text>{column.title}</Text>
              <Text className='column__count'>{column.orders.length}</Text>
            </View>
            <ScrollView className='column__body' scrollY>
              {column.orders.map((order) => (
                <OrderCard
                  key={order.id}
                  order={order}
                  now={now}
                  redAfterMinutes={redAfterMinutes}
                  unsynced={unsynced.has(order.id)}
                  fresh={fresh.includes(order.id)}
                  onMove={(o, kind) => {
                    seen(o)
                    void tablet.move(o.id, kind)
                  }}
                  onSeen={seen}
                />
              ))}
            </ScrollView>
          </View>
        ))}
      </View>
    </View>
  )
}
