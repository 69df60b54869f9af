import { Text, View } from '@tarojs/components'
import { type LineSelection, type MenuItem, formatYuan, priceLine } from '@xiaodian/domain'
import { useState } from 'react'
import { defaultSelection, toggleOption } from '@/offline/counter-cart'
import { type StoreMenu, soldOutMarks } from '@/offline/store-menu'

export interface OptionPickerProps {
  readonly menu: StoreMenu
  readonly item: MenuItem
  readonly onAdd: (selection: LineSelection) => void
  readonly onClose: () => void
}

/** Size, sugar, ice, toppings and how many, priced live by the domain; adds one line to the cart. */
export function OptionPicker({ menu, item, onAdd, onClose }: OptionPickerProps) {
  const [selection, setSelection] = useState<LineSelection>(() => defaultSelection(item))
  const marks = soldOutMarks(menu)
  const priced = priceLine(menu.menu, selection, { soldOut: marks })
  return (
    <View className='sheet' id='option-picker'>
      <View className='sheet__panel'>
        <View className='sheet__head'>
          <Text className='sheet__title'>{item.name}</Text>
          <View className='sheet__close' id='option-close' onClick={onClose}>
            ✕
          </View>
        </View>
        {item.skus.length > 1 ? (
          <View className='group'>
            <Text className='group__name'>规格</Text>
            <View className='group__options'>
              {item.skus.map((sku) => {
                const out = sku.soldOut === true || marks.skus?.has(sku.id) === true
                return (
                  <View
                    key={sku.id}
                    id={`sku-${sku.id}`}
                    className={`chip ${selection.skuId === sku.id ? 'chip--on' : ''} ${out ? 'chip--out' : ''}`}
                    onClick={() => !out && setSelection({ ...selection, skuId: sku.id })}
                  >
                    {sku.name} {formatYuan(sku.priceFen, { trim: true })}
                  </View>
                )
              })}
            </View>
          </View>
        ) : null}
        {item.optionGroups.map((group) => (
          <View className='group' key={group.id}>
            <Text className='group__name'>
              {group.name}
              {group.kind === 'multi' ? ` (最多 ${group.maxPicks ?? group.options.length})` : ''}
            </Text>
            <View className='group__options'>
              {group.options.map((o) => {
                const on = selection.options?.[group.id]?.includes(o.id) === true
                const out = o.soldOut === true || marks.options?.has(o.id) === true
                return (
                  <View
                    key={o.id}
                    id={`option-${group.id}-${o.id}`}
                    className={`chip ${on ? 'chip--on' : ''} ${out ? 'chip--out' : ''}`}
                    onClick={() => !out && setSelection(toggleOption(selection, group, o.id))}
                  >
                    {o.name}
                    {o.priceDeltaFen > 0 ? ` +${formatYuan(o.priceDeltaFen, { trim: true })}` : ''}
                  </View>
                )
              })}
            </View>
          </View>
        ))}
        <View className='sheet__foot'>
          <View className='qty'>
            <View
              className='stepper'
              id='option-qty-minus'
              onClick={() => setSelection({ ...selection, quantity: Math.max(1, selection.quantity - 1) })}
            >
              −
            </View>
            <Text className='qty__value'>{selection.quantity}</Text>
            <View
              className='stepper'
              id='option-qty-plus'
              onClick={() => setSelection({ ...selection, quantity: Math.min(99, selection.quantity + 1) })}
            >
              +
            </View>
          </View>
          {priced.ok ? (
            <View className='primary' id='option-add' onClick={() => onAdd(selection)}>
              加入 {formatYuan(priced.value.subtotalFen)}
            </View>
          ) : (
            <Text className='note note--error'>{priced.error.message}</Text>
          )}
        </View>
      </View>
    </View>
  )
}
