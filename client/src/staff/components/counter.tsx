import { Input, ScrollView, Text, View } from '@tarojs/components'
import { type MenuItem, type Order, formatYuan } from '@xiaodian/domain'
import { useState } from 'react'
import { useStore } from 'zustand'
import { priceCounterCart } from '@/offline/counter-cart'
import type { PayMethod } from '@/offline/counter-order'
import { useNow } from '../hooks/use-now'
import { useTablet } from '../hooks/use-tablet'
import { counterCart } from '../services'
import { OptionPicker } from './option-picker'
import { Receipt } from './receipt'

/** The counter (POS): menu grid, option picker, the cart priced by the domain, payment, receipt. */
export function Counter() {
  const tablet = useTablet()
  const { menu, error: menuError } = useStore(tablet.menu)
  const cart = useStore(counterCart)
  const now = useNow(30_000)
  const [category, setCategory] = useState<string | null>(null)
  const [picking, setPicking] = useState<MenuItem | null>(null)
  const [receipt, setReceipt] = useState<Order | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [paying, setPaying] = useState(false)

  if (menu === null) {
    return (
      <View className='counter counter--empty'>
        <Text className='note'>菜单还没有下载到这台设备。{menuError ? '联网后会自动下载。' : '正在下载…'}</Text>
        <View className='primary' id='menu-retry' onClick={() => void tablet.refreshMenu()}>
          重新下载菜单
        </View>
      </View>
    )
  }
  const categories = menu.menu.categories
  const shownCategory = categories.find((c) => c.id === category) ?? categories[0]
  const priced = cart.lines.length === 0 ? null : priceCounterCart(menu, cart.lines, now)
  const soldOutItems = new Set(menu.soldOut.items)

  const pay = async (paidWith: PayMethod) => {
    if (priced === null || !priced.ok || paying) return
    setPaying(true)
    try {
      const sold = await tablet.sell({
        priced: priced.value,
        fulfilmentType: cart.fulfilmentType,
        notes: cart.notes,
        paidWith,
      })
      if (!sold.ok) {
        setProblem(sold.error.message)
        return
      }
      cart.clear()
      setProblem(null)
      setReceipt(sold.value)
    } finally {
      setPaying(false)
    }
  }

  return (
    <View className='counter' id='counter'>
      <View className='counter__menu'>
        <View className='tabs'>
          {categories.map((c) => (
            <View
              key={c.id}
              id={`category-${c.id}`}
              className={`tab ${c.id === shownCategory?.id ? 'tab--on' : ''}`}
              onClick={() => setCategory(c.id)}
            >
              {c.name}
            </View>
          ))}
        </View>
        <ScrollView className='grid' scrollY>
          {shownCategory?.items.map((item) => {
            const out = item.soldOut === true || soldOutItems.has(item.id)
            const from = Math.min(...item.skus.map((s) => s.priceFen))
            return (
              <View
                key={item.id}
                id={`item-${item.id}`}
                className={`tile ${out ? 'tile--out' : ''}`}
                onClick={() => !out && setPicking(item)}
              >
                <Text className='tile__name'>{item.name}</Text>
                <Text className='tile__price'>{out ? '售罄' : `${formatYuan(from, { trim: true })} 起`}</Text>
              </View>
            )
          })}
        </ScrollView>
      </View>
      <View className='counter__cart' id='cart'>
        <View className='segmented'>
          {(['dine_in', 'pickup'] as const).map((t) => (
            <View
              key={t}
              id={`fulfilment-${t}`}
              className={`segmented__item ${cart.fulfilmentType === t ? 'segmented__item--on' : ''}`}
              onClick={() => cart.setFulfilment(t)}
            >
              {t === 'dine_in' ? '堂食' : '外带'}
            </View>
          ))}
        </View>
        <ScrollView className='cart__lines' scrollY>
          {cart.lines.length === 0 ? <Text className='note'>点左边的商品开始点单</Text> : null}
          {cart.lines.map((line, i) => {
            const pricedLine = priced?.ok ? priced.value.lines[i] : undefined
            return (
              <View className='cart__line' key={line.id} id={`cart-line-${line.id}`}>
                <View className='cart__line-main'>
                  <Text className='cart__name'>
                    {pricedLine ? `${pricedLine.itemName}(${pricedLine.skuName})` : line.selection.itemId}
                  </Text>
                  {pricedLine && pricedLine.options.length > 0 ? (
                    <Text className='cart__options'>{pricedLine.options.map((o) => o.name).join(' / ')}</Text>
                  ) : null}
                </View>
                <View className='qty'>
                  <View className='stepper' onClick={() => cart.setQuantity(line.id, line.selection.quantity - 1)}>
                    −
                  </View>
                  <Text className='qty__value'>{line.selection.quantity}</Text>
                  <View className='stepper' onClick={() => cart.setQuantity(line.id, line.selection.quantity + 1)}>
                    +
                  </View>
                </View>
                {pricedLine ? (
                  <View className='cart__price'>
                    {pricedLine.totalFen < pricedLine.subtotalFen ? (
                      <Text className='cart__was'>{formatYuan(pricedLine.subtotalFen)}</Text>
                    ) : null}
                    <Text>{formatYuan(pricedLine.totalFen)}</Text>
                  </View>
                ) : null}
              </View>
            )
          })}
        </ScrollView>
        {priced !== null && !priced.ok ? <Text className='note note--error'>{priced.error.message}</Text> : null}
        {priced?.ok ? (
          <View className='cart__summary'>
            {priced.value.promotions.map((p) => (
              <View className='cart__promo' key={p.promotionId} id={`promo-${p.promotionId}`}>
                <Text>{p.name}</Text>
                <Text>-{formatYuan(p.savingFen)}</Text>
              </View>
            ))}
            {priced.value.nudge ? (
              <Text className='cart__nudge' id='cart-nudge'>
                {priced.value.nudge.message}
              </Text>
            ) : null}
            <View className='cart__total'>
              <Text>合计</Text>
              {priced.value.amounts.discountFen > 0 ? (
                <Text className='cart__saved'>已优惠 {formatYuan(priced.value.amounts.discountFen)}</Text>
              ) : null}
              <Text className='cart__total-value' id='cart-total'>
                {formatYuan(priced.value.amounts.totalFen)}
              </Text>
            </View>
          </View>
        ) : null}
        {menu.promotions.length === 0 && menu.promotionNames.length > 0 ? (
          <Text className='note'>优惠规则未下发到本机, 按原价收款</Text>
        ) : null}
        <Input
          className='cart__notes'
          id='cart-notes'
          placeholder='备注 (少冰、打包…)'
          value={cart.notes}
          onInput={(e) => cart.setNotes(e.detail.value)}
        />
        {problem !== null ? <Text className='note note--error'>{problem}</Text> : null}
        <View className='cart__pay'>
          <View
            className={`primary ${priced?.ok && !paying ? '' : 'primary--off'}`}
            id='pay-cash'
            onClick={() => void pay('cash')}
          >
            现金收款
          </View>
          <View
            className={`primary primary--qr ${priced?.ok && !paying ? '' : 'primary--off'}`}
            id='pay-qr'
            onClick={() => void pay('qr')}
          >
            扫码已付
          </View>
        </View>
      </View>
      {picking !== null ? (
        <OptionPicker
          menu={menu}
          item={picking}
          onAdd={(selection) => {
            cart.add(selection)
            setPicking(null)
          }}
          onClose={() => setPicking(null)}
        />
      ) : null}
      {receipt !== null ? <Receipt order={receipt} onNext={() => setReceipt(null)} /> : null}
    </View>
  )
}
