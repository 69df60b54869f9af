import type { Menu, MenuItem, SoldOutMarks } from '@xiaodian/domain'
import { formatYuan } from '@xiaodian/domain'
import { Button, Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { itemArt } from '@/consumer/art'
import {
  describeLine,
  initialSelection,
  isOptionSoldOut,
  isSkuSoldOut,
  priceSelection,
  type Selection,
  toggleOption,
  withQuantity,
} from '@/consumer/selection'

/**
 * The option picker: size, then each option group (甜度, 冰度, 加料), the quantity, and the price of the
 * choice as it changes. What is sold out is shown struck through and cannot be picked; when something
 * picked sells out while the sheet is open, the price line says so and 加入购物车 is disabled.
 */
export function OptionSheet({
  menu,
  item,
  marks,
  kind,
  onAdd,
  onClose,
}: {
  menu: Menu
  item: MenuItem
  marks: SoldOutMarks
  kind: 'tea' | 'carwash' | 'other'
  onAdd: (selection: Selection, display: { name: string; detail: string; unitPriceFen: number }) => void
  onClose: () => void
}) {
  const [selection, setSelection] = useState<Selection>(() => initialSelection(item, marks))
  const priced = priceSelection(menu, selection, marks)

  return (
    <View className='sheet' id='option-sheet'>
      <View className='sheet__mask' onClick={onClose} />
      <View className='sheet__body'>
        <View className='sheet__head'>
          <Image className='sheet__art' src={itemArt(item.id, kind)} mode='aspectFill' />
          <View className='sheet__title'>
            <Text className='sheet__name'>{item.name}</Text>
            <Text className='sheet__detail' id='picker-detail'>
              {priced.ok ? describeLine(priced.value, item.skus.length) : ''}
            </Text>
          </View>
          <View className='sheet__close' id='picker-close' onClick={onClose}>
            <Text>✕</Text>
          </View>
        </View>
        <View className='sheet__groups'>
          {item.skus.length > 1 ? (
            <View className='sheet__group'>
              <Text className='sheet__group-name'>规格</Text>
              <View className='sheet__chips'>
                {item.skus.map((sku) => {
                  const off = isSkuSoldOut(sku, marks)
                  const on = selection.skuId === sku.id
                  return (
                    <View
                      key={sku.id}
                      id={`sku-${sku.id}`}
                      className={`chip ${on ? 'chip--on' : ''} ${off ? 'chip--off' : ''}`}
                      onClick={() => !off && setSelection({ ...selection, skuId: sku.id })}
                    >
                      {`${sku.name} ${formatYuan(sku.priceFen, { trim: true })}${off ? ' 售罄' : ''}`}
                    </View>
                  )
                })}
              </View>
            </View>
          ) : null}
          {item.optionGroups.map((group) => (
            <View className='sheet__group' key={group.id}>
              <Text className='sheet__group-name'>
                {group.name}
                {group.kind === 'multi' ? `（可多选${group.maxPicks ? `, 最多${group.maxPicks}项` : ''}）` : ''}
              </Text>
              <View className='sheet__chips'>
                {group.options.map((option) => {
                  const off = isOptionSoldOut(option, marks)
                  const on = (selection.options[group.id] ?? []).includes(option.id)
                  return (
                    <View
                      key={option.id}
                      id={`opt-${group.id}-${option.id}`}
                      className={`chip ${on ? 'chip--on' : ''} ${off ? 'chip--off' : ''}`}
                      onClick={() => (!off || on) && setSelection(toggleOption(item, selection, group.id, option.id))}
                    >
                      {`${option.name}${option.priceDeltaFen > 0 ? ` +${formatYuan(option.priceDeltaFen, { trim: true })}` : ''}${off ? ' 售罄' : ''}`}
                    </View>
                  )
                })}
              </View>
            </View>
          ))}
        </View>
        <View className='sheet__foot'>
          <View className='sheet__price'>
            {priced.ok ? (
              <Text className='price sheet__total' id='picker-price'>
                {formatYuan(priced.value.subtotalFen)}
              </Text>
            ) : (
              <Text className='sheet__problem' id='picker-problem'>
                {priced.error.message}
              </Text>
            )}
          </View>
          <View className='stepper'>
            <View
              className='stepper__btn'
              id='picker-dec'
              onClick={() => setSelection(withQuantity(selection, selection.quantity - 1))}
            >
              <Text>−</Text>
            </View>
            <Text className='stepper__value' id='picker-qty'>
              {selection.quantity}
            </Text>
            <View
              className='stepper__btn'
              id='picker-inc'
              onClick={() => setSelection(withQuantity(selection, selection.quantity + 1))}
            >
              <Text>+</Text>
            </View>
          </View>
        </View>
        <Button
          className={`btn sheet__add ${priced.ok ? '' : 'btn--disabled'}`}
          id='picker-add'
          disabled={!priced.ok}
          onClick={() => {
            if (!priced.ok) return
            onAdd(selection, {
              name: item.name,
              detail: describeLine(priced.value, item.skus.length),
              unitPriceFen: priced.value.unitPriceFen,
            })
          }}
        >
          加入购物车
        </Button>
      </View>
    </View>
  )
}
