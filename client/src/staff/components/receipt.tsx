import { Text, View } from '@tarojs/components'
import { type Order, formatYuan } from '@xiaodian/domain'
import { useStore } from 'zustand'
import { pickupLabel } from '@/offline/board-columns'
import { useTablet } from '../hooks/use-tablet'

const PAID_WITH: Record<string, string> = { cash: '现金', qr: '扫码' }

/** The receipt of a counter sale: the pickup number big, what was bought, the promotions, how it was paid. */
export function Receipt({ order, onNext }: { readonly order: Order; readonly onNext: () => void }) {
  const tablet = useTablet()
  const unsynced = useStore(tablet.sync, (s) => s.pendingIds.has(order.id))
  const payments = Object.values(order.payments)
  const at = new Date(order.timestamps.createdAt)
  return (
    <View className='sheet' id='receipt'>
      <View className='sheet__panel receipt'>
        <Text className='receipt__shop'>{tablet.menu.getState().menu?.store.name ?? tablet.storeId}</Text>
        <Text className='receipt__label'>取餐号</Text>
        <Text className='receipt__number' id='receipt-number'>
          {pickupLabel(order)}
        </Text>
        <Text className='receipt__meta'>
          {order.fulfilmentType === 'dine_in' ? '堂食' : '自取'} · {at.toLocaleString('zh-CN', { hour12: false })}
        </Text>
        <View className='receipt__lines'>
          {order.lines.map((l) => (
            <View className='receipt__line' key={l.id}>
              <Text>
                {l.itemName}({l.skuName}) ×{l.quantity}
              </Text>
              <Text>{formatYuan(l.subtotalFen)}</Text>
              {l.options.length > 0 ? (
                <Text className='receipt__options'>{l.options.map((o) => o.name).join(' / ')}</Text>
              ) : null}
            </View>
          ))}
        </View>
        {order.promotions.map((p) => (
          <View className='receipt__line receipt__line--promo' key={p.promotionId}>
            <Text>{p.name}</Text>
            <Text>-{formatYuan(p.savingFen)}</Text>
          </View>
        ))}
        <View className='receipt__line receipt__total'>
          <Text>实收</Text>
          <Text id='receipt-total'>{formatYuan(order.amounts.totalFen)}</Text>
        </View>
        <Text className='receipt__meta'>
          {payments.length === 0 ? '未付款' : payments.map((p) => `${PAID_WITH[p.method] ?? p.method}已收`).join(' ')}
          {' · '}单号 {order.id.slice(-8)}
          {unsynced ? ' · 未同步' : ' · 已同步'}
        </Text>
        <View className='primary' id='receipt-next' onClick={onNext}>
          下一单
        </View>
      </View>
    </View>
  )
}
