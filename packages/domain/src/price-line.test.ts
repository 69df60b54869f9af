import { describe, expect, it } from 'vitest'
import { priceLine } from './price-line'
import { teaMenu } from './test-fixtures'

const code = (r: ReturnType<typeof priceLine>) => (r.ok ? 'OK' : r.error.code)

describe('priceLine', () => {
  it('[CAT-1] price is SKU plus option deltas, times quantity', () => {
    const r = priceLine(teaMenu, {
      itemId: 'pearl-tea',
      skuId: 'pearl-l',
      options: { ice: ['ice-less'], toppings: ['pearls', 'pudding'] },
      quantity: 2,
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.unitPriceFen).toBe(1500 + 200 + 300)
    expect(r.value.subtotalFen).toBe(4000)
    expect(r.value.categoryId).toBe('milk-tea')
    expect(r.value.options.map((o) => o.optionId)).toEqual(['sugar-half', 'ice-less', 'pearls', 'pudding'])
  })

  it('[CAT-2] untouched groups take their defaults; a single-SKU item needs no SKU', () => {
    const r = priceLine(teaMenu, { itemId: 'oolong-latte', quantity: 1 })
    expect(r.ok && r.value.subtotalFen).toBe(1600)
  })

  it('[CAT-3] a required group with no pick and no default is refused', () => {
    expect(code(priceLine(teaMenu, { itemId: 'pearl-tea', skuId: 'pearl-m', quantity: 1 }))).toBe(
      'MISSING_REQUIRED_OPTION',
    )
    expect(code(priceLine(teaMenu, { itemId: 'pearl-tea', skuId: 'pearl-m', options: { ice: [] }, quantity: 1 }))).toBe(
      'MISSING_REQUIRED_OPTION',
    )
  })

  it('[CAT-4] min/max picks and single choice are enforced', () => {
    const base = { itemId: 'pearl-tea', skuId: 'pearl-m', quantity: 1 }
    expect(code(priceLine(teaMenu, { ...base, options: { ice: ['ice-less', 'ice-hot'] } }))).toBe('TOO_MANY_OPTIONS')
    expect(
      code(priceLine(teaMenu, { ...base, options: { ice: ['ice-less'], toppings: ['pearls', 'coconut', 'pudding'] } })),
    ).toBe('TOO_MANY_OPTIONS')
    expect(code(priceLine(teaMenu, { ...base, options: { ice: ['ice-less'], toppings: ['pearls', 'pearls'] } }))).toBe(
      'DUPLICATE_OPTION',
    )
  })

  it('[CAT-5] sold out per item, SKU or option, from the menu or from live marks', () => {
    expect(code(priceLine(teaMenu, { itemId: 'mango-tea', quantity: 1 }))).toBe('SOLD_OUT')
    const base = { itemId: 'pearl-tea', skuId: 'pearl-m', quantity: 1 }
    expect(code(priceLine(teaMenu, { ...base, options: { ice: ['ice-less'], toppings: ['taro'] } }))).toBe('SOLD_OUT')
    const marks = { soldOut: { options: new Set(['pearls']) } }
    expect(code(priceLine(teaMenu, { ...base, options: { ice: ['ice-less'], toppings: ['pearls'] } }, marks))).toBe(
      'SOLD_OUT',
    )
    expect(
      code(
        priceLine(teaMenu, { ...base, options: { ice: ['ice-less'] } }, { soldOut: { skus: new Set(['pearl-m']) } }),
      ),
    ).toBe('SOLD_OUT')
    expect(
      code(priceLine(teaMenu, { itemId: 'lemon-tea', quantity: 1 }, { soldOut: { items: new Set(['lemon-tea']) } })),
    ).toBe('SOLD_OUT')
  })

  it('[CAT-6] hour-limited items sell only inside their windows, which may wrap midnight', () => {
    const sel = { itemId: 'night-soup', quantity: 1 }
    expect(code(priceLine(teaMenu, sel, { minuteOfDay: 12 * 60 }))).toBe('NOT_AVAILABLE_NOW')
    expect(code(priceLine(teaMenu, sel, { minuteOfDay: 22 * 60 }))).toBe('OK')
    expect(code(priceLine(teaMenu, sel, { minuteOfDay: 60 }))).toBe('OK')
    expect(code(priceLine(teaMenu, sel, { minuteOfDay: 120 }))).toBe('NOT_AVAILABLE_NOW')
  })

  it('[CAT-7] unknown ids and bad quantities are typed errors', () => {
    expect(code(priceLine(teaMenu, { itemId: 'nope', quantity: 1 }))).toBe('UNKNOWN_ITEM')
    expect(code(priceLine(teaMenu, { itemId: 'pearl-tea', skuId: 'xl', quantity: 1 }))).toBe('UNKNOWN_SKU')
    expect(code(priceLine(teaMenu, { itemId: 'pearl-tea', quantity: 1 }))).toBe('MISSING_SKU')
    expect(code(priceLine(teaMenu, { itemId: 'lemon-tea', options: { x: [] }, quantity: 1 }))).toBe(
      'UNKNOWN_OPTION_GROUP',
    )
    expect(
      code(priceLine(teaMenu, { itemId: 'pearl-tea', skuId: 'pearl-m', options: { ice: ['lava'] }, quantity: 1 })),
    ).toBe('UNKNOWN_OPTION')
    expect(code(priceLine(teaMenu, { itemId: 'lemon-tea', quantity: 0 }))).toBe('INVALID_QUANTITY')
    expect(code(priceLine(teaMenu, { itemId: 'lemon-tea', quantity: 1.5 }))).toBe('INVALID_QUANTITY')
  })
})
