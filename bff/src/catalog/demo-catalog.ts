import type { Menu, MenuItem, OptionGroup, Promotion } from '@xiaodian/domain'

/** A store's catalog: its menu, its promotions and how channel item codes map to its SKUs. */
export interface Catalog {
  menu: Menu
  promotions: Promotion[]
  /** Meituan `app_food_code` → SKU id. */
  meituanCodes: Record<string, string>
}

const sugar: OptionGroup = {
  id: 'sugar',
  name: '甜度',
  kind: 'single',
  required: true,
  options: [
    { id: 'sugar-100', name: '全糖', priceDeltaFen: 0 },
    { id: 'sugar-70', name: '七分糖', priceDeltaFen: 0 },
    { id: 'sugar-50', name: '五分糖', priceDeltaFen: 0, isDefault: true },
    { id: 'sugar-30', name: '三分糖', priceDeltaFen: 0 },
    { id: 'sugar-0', name: '无糖', priceDeltaFen: 0 },
  ],
}

const ice: OptionGroup = {
  id: 'ice',
  name: '冰度',
  kind: 'single',
  required: true,
  options: [
    { id: 'ice-normal', name: '正常冰', priceDeltaFen: 0, isDefault: true },
    { id: 'ice-less', name: '少冰', priceDeltaFen: 0 },
    { id: 'ice-none', name: '去冰', priceDeltaFen: 0 },
    { id: 'ice-warm', name: '温', priceDeltaFen: 0 },
    { id: 'ice-hot', name: '热', priceDeltaFen: 0 },
  ],
}

const toppings: OptionGroup = {
  id: 'toppings',
  name: '加料',
  kind: 'multi',
  required: false,
  maxPicks: 3,
  options: [
    { id: 'pearl', name: '珍珠', priceDeltaFen: 200 },
    { id: 'coconut', name: '椰果', priceDeltaFen: 200 },
    { id: 'taro-ball', name: '芋圆', priceDeltaFen: 300 },
    { id: 'cheese-foam', name: '奶盖', priceDeltaFen: 500 },
    { id: 'pudding', name: '布丁', priceDeltaFen: 300 },
  ],
}

function drink(id: string, name: string, medium: number, large: number): MenuItem {
  return {
    id,
    name,
    skus: [
      { id: `${id}-m`, name: '中杯', priceFen: medium },
      { id: `${id}-l`, name: '大杯', priceFen: large },
    ],
    optionGroups: [sugar, ice, toppings],
  }
}

const teaMenu: Menu = {
  id: 'tea-01-menu',
  categories: [
    {
      id: 'milk-tea',
      name: '招牌奶茶',
      items: [
        drink('pearl-milk-tea', '珍珠奶茶', 1200, 1500),
        drink('taro-boba', '芋泥波波', 1600, 1900),
        drink('brown-sugar', '黑糖鹿丸', 1500, 1800),
      ],
    },
    {
      id: 'fruit-tea',
      name: '鲜果茶',
      items: [
        drink('mango-pomelo', '杨枝甘露', 1800, 2200),
        drink('passion-fruit', '满杯百香果', 1300, 1600),
        drink('lemon-green', '柠檬绿茶', 1000, 1200),
      ],
    },
    {
      id: 'coffee',
      name: '咖啡',
      items: [
        {
          id: 'coconut-latte',
          name: '生椰拿铁',
          skus: [{ id: 'coconut-latte-r', name: '标准杯', priceFen: 1800 }],
          optionGroups: [ice],
        },
        {
          id: 'americano',
          name: '美式',
          skus: [{ id: 'americano-r', name: '标准杯', priceFen: 1200 }],
          optionGroups: [ice],
        },
      ],
    },
    {
      id: 'snacks',
      name: '小食',
      items: [
        {
          id: 'egg-waffle',
          name: '鸡蛋仔',
          skus: [{ id: 'egg-waffle-r', name: '一份', priceFen: 900 }],
          optionGroups: [],
          availableHours: [{ fromMinute: 10 * 60, toMinute: 21 * 60 }],
        },
      ],
    },
  ],
}

const teaPromotions: Promotion[] = [
  {
    id: 'manjian',
    name: '满30减5 · 满50减12',
    rule: {
      kind: 'threshold',
      tiers: [
        { minFen: 3000, offFen: 500 },
        { minFen: 5000, offFen: 1200 },
      ],
    },
    stackable: true,
    exclusivityGroup: 'threshold',
  },
  {
    id: 'second-half',
    name: '奶茶第二杯半价',
    rule: { kind: 'nth_item', n: 2, percentOff: 50 },
    scope: { categoryIds: ['milk-tea'] },
    conditions: { channels: ['miniprogram', 'pos'] },
    stackable: true,
  },
  {
    id: 'afternoon-fruit',
    name: '下午茶 鲜果茶8折 (14:00-17:00)',
    rule: { kind: 'item_percent', percentOff: 20 },
    scope: { categoryIds: ['fruit-tea'] },
    conditions: { windows: [{ fromMinute: 14 * 60, toMinute: 17 * 60 }] },
    stackable: true,
  },
  {
    id: 'new-customer',
    name: '新客立减3元',
    rule: { kind: 'threshold', tiers: [{ minFen: 0, offFen: 300 }] },
    conditions: { newCustomerOnly: true, channels: ['miniprogram'] },
    stackable: true,
    exclusivityGroup: 'new-customer',
  },
]

const washMenu: Menu = {
  id: 'wash-01-menu',
  categories: [
    {
      id: 'wash',
      name: '洗车',
      items: [
        {
          id: 'basic-wash',
          name: '标准洗车',
          skus: [
            { id: 'basic-wash-r', name: '轿车', priceFen: 3500 },
            { id: 'basic-wash-suv', name: 'SUV', priceFen: 4500 },
          ],
          optionGroups: [],
        },
        {
          id: 'fine-wash',
          name: '精致洗车',
          skus: [
            { id: 'fine-wash-r', name: '轿车', priceFen: 6800 },
            { id: 'fine-wash-suv', name: 'SUV', priceFen: 7800 },
          ],
          optionGroups: [],
        },
      ],
    },
    {
      id: 'care',
      name: '美容养护',
      items: [
        {
          id: 'interior',
          name: '内饰深度清洁',
          skus: [{ id: 'interior-r', name: '标准', priceFen: 12800 }],
          optionGroups: [],
        },
        { id: 'wax', name: '镀膜打蜡', skus: [{ id: 'wax-r', name: '标准', priceFen: 19800 }], optionGroups: [] },
      ],
    },
  ],
}

const washPromotions: Promotion[] = [
  {
    id: 'care-combo',
    name: '满200减30',
    rule: { kind: 'threshold', tiers: [{ minFen: 20000, offFen: 3000 }] },
    stackable: true,
  },
]

/** The demo shops' catalogs, seeded into an empty database. */
export const DEMO_CATALOGS: Readonly<Record<string, Catalog>> = {
  'tea-01': {
    menu: teaMenu,
    promotions: teaPromotions,
    meituanCodes: {
      'mt-pearl-m': 'pearl-milk-tea-m',
      'mt-pearl-l': 'pearl-milk-tea-l',
      'mt-taro-l': 'taro-boba-l',
      'mt-mango-l': 'mango-pomelo-l',
      'mt-lemon-m': 'lemon-green-m',
    },
  },
  'wash-01': { menu: washMenu, promotions: washPromotions, meituanCodes: {} },
}
