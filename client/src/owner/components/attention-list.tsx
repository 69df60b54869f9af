import { Text, View } from '@tarojs/components'
import type { AttentionItem, AttentionKind } from '@xiaodian/shared'
import { CHANNEL_NAMES, money } from '../core/figures'

const KIND_NAMES: Readonly<Record<AttentionKind, string>> = {
  meituan_not_accepted: '美团未接单',
  payment_without_order: '有款无单',
  paid_not_done: '已付未完成',
  refund_waiting: '待处理退款',
}

/** The needs-attention list, oldest first, refreshed from the order stream. */
export function AttentionList({ items }: { items: readonly AttentionItem[] }) {
  return (
    <View className='attention' id='attention-list'>
      {items.length === 0 ? (
        <Text className='note' id='attention-empty'>
          一切正常,没有待处理的订单
        </Text>
      ) : null}
      {items.map((i) => (
        <View className={`attention__item attention__item--${i.kind}`} key={i.key} data-kind={i.kind}>
          <View className='attention__head'>
            <Text className='attention__kind'>{KIND_NAMES[i.kind]}</Text>
            <Text className='attention__wait'>{i.waitingMinutes} 分钟</Text>
          </View>
          <Text className='attention__detail'>{i.detail}</Text>
          <Text className='attention__meta'>
            {[
              i.channel ? (CHANNEL_NAMES[i.channel] ?? i.channel) : null,
              i.pickupNumber !== null ? `取餐号 ${i.pickupNumber}` : null,
              i.amountFen ? money(i.amountFen) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </View>
      ))}
    </View>
  )
}
