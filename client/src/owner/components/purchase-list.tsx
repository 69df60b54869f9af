import { Text, View } from '@tarojs/components'
import type { PurchaseSuggestionResponse } from '@xiaodian/shared'

/** 以销定采: what to buy for tomorrow, stock-outs first. */
export function PurchaseList({ plan }: { plan: PurchaseSuggestionResponse }) {
  const lines = plan.lines.filter((l) => l.packs > 0 || l.stockOutBeforeDay || l.stockOutHour !== null).slice(0, 8)
  return (
    <View className='purchase' id='purchase-list' data-day={plan.forDay}>
      {lines.length === 0 ? <Text className='note'>库存够用,明天不用进货</Text> : null}
      {lines.map((l) => (
        <View className='row' key={l.ingredientId} id={`purchase-${l.ingredientId}`}>
          <Text className='row__label'>{l.name}</Text>
          <Text className={`row__meta ${l.stockOutBeforeDay || l.stockOutHour !== null ? 'row__meta--warn' : ''}`}>
            {l.stockOutBeforeDay ? '今天就会用完' : l.stockOutHour !== null ? `不补货约 ${l.stockOutHour} 点断货` : ''}
          </Text>
          <Text className='row__value'>{l.packs > 0 ? `买 ${l.suggestedQuantity}${l.unit}` : '够用'}</Text>
        </View>
      ))}
      {plan.notes.map((n) => (
        <Text className='note' key={n}>
          {n}
        </Text>
      ))}
    </View>
  )
}
