import { describe, expect, it } from 'vitest'
import { MENU_ANSWER } from './fixtures'
import {
  describeLine,
  domainMenu,
  initialSelection,
  isItemSoldOut,
  priceSelection,
  soldOutMarks,
  toggleOption,
  withQuantity,
} from './selection'

const menu = domainMenu(MENU_ANSWER.menu as never)
const tea = menu.categories[0]!.items[0]!
const none = soldOutMarks({ items: [], skus: [], options: [] })

describe('option picker rules', () => {
  it('starts at the first SKU and the defaults, priced by the domain', () => {
    const s = initialSelection(tea, none)
    expect(s).toMatchObject({ skuId: 'pearl-milk-tea-m', options: { sugar: ['sugar-50'], toppings: [] }, quantity: 1 })
    const priced = priceSelection(menu, s, none)
    expect(priced.ok && priced.value.subtotalFen).toBe(1200)
  })

  it('prices size, toppings and quantity live', () => {
    let s = { ...initialSelection(tea, none), skuId: 'pearl-milk-tea-l' }
    s = toggleOption(tea, s, 'toppings', 'pearl')
    s = toggleOption(tea, s, 'sugar', 'sugar-100')
    s = withQuantity(s, 2)
    const priced = priceSelection(menu, s, none)
    expect(priced.ok && priced.value.subtotalFen).toBe((1500 + 200) * 2)
    expect(priced.ok && describeLine(priced.value)).toBe('大杯 · 全糖 · 珍珠')
  })

  it('keeps a required single group filled and stops a multi group at its maximum', () => {
    let s = initialSelection(tea, none)
    s = toggleOption(tea, s, 'sugar', 'sugar-50')
    expect(s.options.sugar).toEqual(['sugar-50'])
    s = toggleOption(tea, s, 'toppings', 'taro-ball')
    s = toggleOption(tea, s, 'toppings', 'pearl')
    s = toggleOption(tea, s, 'toppings', 'coconut')
    // In the menu's order, and the third pick is ignored (maxPicks 2).
    expect(s.options.toppings).toEqual(['pearl', 'taro-ball'])
    s = toggleOption(tea, s, 'toppings', 'pearl')
    expect(s.options.toppings).toEqual(['taro-ball'])
  })

  it('avoids sold-out SKUs and options, and says why a choice cannot be ordered', () => {
    const marks = soldOutMarks({ items: [], skus: ['pearl-milk-tea-m'], options: ['sugar-50'] })
    const s = initialSelection(tea, marks)
    expect(s.skuId).toBe('pearl-milk-tea-l')
    // The default sugar is sold out: the first one on sale instead.
    expect(s.options.sugar).toEqual(['sugar-100'])
    expect(priceSelection(menu, s, marks).ok).toBe(true)
    const noSugar = soldOutMarks({ items: [], skus: [], options: ['sugar-50', 'sugar-100'] })
    const priced = priceSelection(menu, initialSelection(tea, noSugar), noSugar)
    expect(!priced.ok && priced.error.code).toBe('MISSING_REQUIRED_OPTION')
    const later = priceSelection(
      menu,
      { ...s, options: { sugar: ['sugar-100'] } },
      soldOutMarks({ items: [], skus: ['pearl-milk-tea-l'], options: [] }),
    )
    expect(!later.ok && later.error.code).toBe('SOLD_OUT')
    expect(
      isItemSoldOut(tea, soldOutMarks({ items: [], skus: ['pearl-milk-tea-m', 'pearl-milk-tea-l'], options: [] })),
    ).toBe(true)
    expect(isItemSoldOut(tea, soldOutMarks({ items: ['pearl-milk-tea'], skus: [], options: [] }))).toBe(true)
  })
})
