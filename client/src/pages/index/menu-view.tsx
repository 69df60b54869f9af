import type { SoldOutMarks } from '@xiaodian/domain'
import { formatYuan } from '@xiaodian/domain'
import type { MenuResponse } from '@xiaodian/shared'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { itemArt } from '@/consumer/art'
import { domainMenu, fromPriceFen, isItemSoldOut } from '@/consumer/selection'

type MenuItemView = MenuResponse['menu']['categories'][number]['items'][number]

/** Categories on the left, every category's items on the right; a tap on an item opens the option picker. */
export function MenuView({
  data,
  marks,
  onPick,
}: {
  data: MenuResponse
  marks: SoldOutMarks
  onPick: (item: MenuItemView) => void
}) {
  const categories = domainMenu(data.menu).categories
  const [active, setActive] = useState(categories[0]?.id ?? '')
  const jump = (categoryId: string) => {
    setActive(categoryId)
    Taro.pageScrollTo({ selector: `#cat-${categoryId}`, duration: 200 })?.catch?.(() => {})
  }
  return (
    <View className='menu' id='menu'>
      <View className='menu__nav'>
        {categories.map((c) => (
          <View
            key={c.id}
            id={`nav-${c.id}`}
            className={`menu__nav-item ${c.id === active ? 'menu__nav-item--on' : ''}`}
            onClick={() => jump(c.id)}
          >
            {c.name}
          </View>
        ))}
      </View>
      <View className='menu__list'>
        {categories.map((c) => (
          <View key={c.id} id={`cat-${c.id}`} className='menu__section'>
            <Text className='menu__section-title'>{c.name}</Text>
            {c.items.map((item) => {
              const soldOut = isItemSoldOut(item, marks)
              return (
                <View
                  key={item.id}
                  id={`item-${item.id}`}
                  className={`item ${soldOut ? 'item--soldout' : ''}`}
                  onClick={() => !soldOut && onPick(item as MenuItemView)}
                >
                  <Image className='item__art' src={itemArt(item.id, data.store.kind)} mode='aspectFill' />
                  <View className='item__body'>
                    <Text className='item__name'>{item.name}</Text>
                    <Text className='item__meta'>
                      {item.skus.length > 1 ? item.skus.map((s) => s.name).join(' / ') : (item.skus[0]?.name ?? '')}
                    </Text>
                    <View className='item__foot'>
                      <Text className='price item__price'>
                        {formatYuan(fromPriceFen(item), { trim: true })}
                        {item.skus.length > 1 ? <Text className='item__from'>起</Text> : null}
                      </Text>
                      {soldOut ? (
                        <Text className='item__soldout' id={`soldout-${item.id}`}>
                          已售罄
                        </Text>
                      ) : (
                        <View className='item__add' id={`pick-${item.id}`}>
                          {item.optionGroups.length > 0 || item.skus.length > 1 ? '选规格' : '加入'}
                        </View>
                      )}
                    </View>
                  </View>
                </View>
              )
            })}
          </View>
        ))}
      </View>
    </View>
  )
}
