/**
 * What a demo shop's month looks like: opening hours and the hourly curve, weekday and weekend volume,
 * channel mix, what people order. Numbers are plausible for a small street-side shop, not measured.
 */

/** A weighted choice. */
export type Weighted<T> = readonly (readonly [T, number])[]

/** One demo shop's trading pattern. */
export interface ShopShape {
  /** Orders on an ordinary weekday and on Saturday/Sunday. */
  readonly weekdayOrders: number
  readonly weekendOrders: number
  /** Relative orders per local hour (0–23); hours left out are closed. */
  readonly hours: Readonly<Record<number, number>>
  readonly channels: Weighted<'meituan' | 'miniprogram' | 'pos'>
  /** How many lines an order has. */
  readonly linesPerOrder: Weighted<number>
  /** Items by popularity; `sku` picks the SKU (undefined: the only one). */
  readonly items: Weighted<string>
  readonly skus: Readonly<Record<string, Weighted<string>>>
  /** Option picks per option group (multi groups: each option is an independent chance). */
  readonly single: Readonly<Record<string, Weighted<string>>>
  readonly multi: Readonly<Record<string, Readonly<Record<string, number>>>>
  /** Meituan delivery and packaging fees, fen. */
  readonly meituanFeesFen: number
  /** Share of paid orders later refunded. */
  readonly refundRate: number
  /** Share of Meituan orders the customer cancels before the shop accepts. */
  readonly cancelRate: number
}

const drinkSkus = (id: string): Weighted<string> => [
  [`${id}-m`, 45],
  [`${id}-l`, 55],
]

/** 茶语小栈: lunch and mid-afternoon peaks, a smaller evening bump; Meituan about 45 %. */
export const TEA_SHAPE: ShopShape = {
  weekdayOrders: 62,
  weekendOrders: 88,
  hours: { 10: 4, 11: 7, 12: 12, 13: 10, 14: 8, 15: 11, 16: 11, 17: 8, 18: 6, 19: 7, 20: 6, 21: 3 },
  channels: [
    ['meituan', 45],
    ['miniprogram', 30],
    ['pos', 25],
  ],
  linesPerOrder: [
    [1, 58],
    [2, 30],
    [3, 9],
    [4, 3],
  ],
  items: [
    ['pearl-milk-tea', 26],
    ['taro-boba', 14],
    ['brown-sugar', 12],
    ['mango-pomelo', 14],
    ['passion-fruit', 10],
    ['lemon-green', 9],
    ['coconut-latte', 8],
    ['americano', 4],
    ['egg-waffle', 5],
  ],
  skus: {
    'pearl-milk-tea': drinkSkus('pearl-milk-tea'),
    'taro-boba': drinkSkus('taro-boba'),
    'brown-sugar': drinkSkus('brown-sugar'),
    'mango-pomelo': drinkSkus('mango-pomelo'),
    'passion-fruit': drinkSkus('passion-fruit'),
    'lemon-green': drinkSkus('lemon-green'),
  },
  single: {
    sugar: [
      ['sugar-100', 12],
      ['sugar-70', 20],
      ['sugar-50', 36],
      ['sugar-30', 22],
      ['sugar-0', 10],
    ],
    // November: more warm and hot cups than in summer.
    ice: [
      ['ice-normal', 25],
      ['ice-less', 25],
      ['ice-none', 15],
      ['ice-warm', 20],
      ['ice-hot', 15],
    ],
  },
  multi: { toppings: { pearl: 0.3, coconut: 0.1, 'taro-ball': 0.08, 'cheese-foam': 0.1, pudding: 0.05 } },
  meituanFeesFen: 400,
  refundRate: 0.02,
  cancelRate: 0.012,
}

/** 闪亮洗车: open 08:00–19:00, weekends more than twice as busy; no delivery platform. */
export const WASH_SHAPE: ShopShape = {
  weekdayOrders: 13,
  weekendOrders: 30,
  hours: { 8: 3, 9: 6, 10: 10, 11: 10, 12: 5, 13: 7, 14: 10, 15: 10, 16: 8, 17: 5, 18: 3 },
  channels: [
    ['miniprogram', 55],
    ['pos', 45],
  ],
  linesPerOrder: [
    [1, 82],
    [2, 18],
  ],
  items: [
    ['basic-wash', 55],
    ['fine-wash', 28],
    ['interior', 10],
    ['wax', 7],
  ],
  skus: {
    'basic-wash': [
      ['basic-wash-r', 65],
      ['basic-wash-suv', 35],
    ],
    'fine-wash': [
      ['fine-wash-r', 60],
      ['fine-wash-suv', 40],
    ],
  },
  single: {},
  multi: {},
  meituanFeesFen: 0,
  refundRate: 0.015,
  cancelRate: 0,
}

/** The demo shapes by store id. */
export const DEMO_SHAPES: Readonly<Record<string, ShopShape>> = { 'tea-01': TEA_SHAPE, 'wash-01': WASH_SHAPE }
