import { Text, View } from '@tarojs/components'
import { type Order, type OrderLine, formatYuan } from '@xiaodian/domain'
import { ageSeconds, channelLabel, formatAge, isLate, pickupLabel } from '@/offline/board-columns'
import { type MoveKind, movesFor } from '@/offline/order-moves'

// A single-size item's SKU name says nothing, and platform lines often carry the size in the item name.
const showSku = (line: OrderLine) =>
  line.skuName !== '' && !line.itemName.includes(line.skuName) && !['标准杯', '一份', '标准'].includes(line.skuName)

const FULFILMENT_TYPE: Record<Order['fulfilmentType'], string> = {
  pickup: '自取',
  delivery: '外卖配送',
  dine_in: '堂食',
}

export interface OrderCardProps {
  readonly order: Order
  readonly now: number
  readonly redAfterMinutes: number
  /** The BFF does not hold this order's latest state yet. */
  readonly unsynced: boolean
  /** Arrived while the board was open and nobody looked yet. */
  readonly fresh: boolean
  readonly onMove: (order: Order, kind: MoveKind) => void
  readonly onSeen: (order: Order) => void
}

/** One order on the board: number, channel, age, lines with options and notes, and its next moves. */
export function OrderCard({ order, now, redAfterMinutes, unsynced, fresh, onMove, onSeen }: OrderCardProps) {
  const late = isLate(order, now, redAfterMinutes)
  const closed = order.fulfilment === 'done' || order.fulfilment === 'cancelled'
  return (
    <View
      className={`card card--${order.channel} ${fresh ? 'card--fresh' : ''} ${closed ? 'card--closed' : ''}`}
      id={`order-${order.id}`}
      data-status={order.fulfilment}
      data-channel={order.channel}
      onClick={() => fresh && onSeen(order)}
    >
      <View className='card__head'>
        <Text className='card__pickup'>{pickupLabel(order)}</Text>
        <Text className={`badge badge--${order.channel}`}>{channelLabel(order)}</Text>
        {unsynced ? <Text className='badge badge--unsynced'>未同步</Text> : null}
        <Text className={`card__age ${late ? 'card__age--late' : ''}`}>
          {closed ? (order.fulfilment === 'done' ? '已取餐' : '已取消') : formatAge(ageSeconds(order, now))}
        </Text>
      </View>
      <Text className='card__meta'>
        {FULFILMENT_TYPE[order.fulfilmentType]}
        {order.customer.name ? ` · ${order.customer.name}` : ''}
        {order.customer.phoneMasked ? ` ${order.customer.phoneMasked}` : ''}
        {` · ${formatYuan(order.amounts.totalFen)}`}
        {order.payment === 'unpaid' ? ' · 未付' : ''}
      </Text>
      <View className='card__lines'>
        {order.lines.map((line) => (
          <View className='card__line' key={line.id}>
            <Text className='card__qty'>{line.quantity}×</Text>
            <Text className='card__item'>
              {line.itemName}
              {showSku(line) ? `(${line.skuName})` : ''}
            </Text>
            {line.options.length > 0 ? (
              <Text className='card__options'>{line.options.map((o) => o.name).join(' / ')}</Text>
            ) : null}
          </View>
        ))}
      </View>
      {order.notes ? <Text className='card__notes'>备注: {order.notes}</Text> : null}
      {order.fulfilment === 'cancelled' && order.cancelReason ? (
        <Text className='card__notes'>{order.cancelReason}</Text>
      ) : null}
      {closed ? null : (
        <View className='card__moves'>
          {movesFor(order).map((m) => (
            <View
              key={m.kind}
              className={`move ${m.secondary ? 'move--secondary' : ''}`}
              id={`move-${m.kind}-${order.id}`}
              onClick={(e) => {
                e.stopPropagation()
                onMove(order, m.kind)
              }}
            >
              {m.label}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
