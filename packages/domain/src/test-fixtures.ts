import type { Menu } from './catalog'

/** A small milk-tea menu used by the tests (not exported from the package). */
export const teaMenu: Menu = {
  id: 'menu-1',
  categories: [
    {
      id: 'milk-tea',
      name: '奶茶',
      items: [
        {
          id: 'pearl-tea',
          name: '珍珠奶茶',
          skus: [
            { id: 'pearl-m', name: '中杯', priceFen: 1200 },
            { id: 'pearl-l', name: '大杯', priceFen: 1500 },
          ],
          optionGroups: [
            {
              id: 'sugar',
              name: '甜度',
              kind: 'single',
              required: true,
              options: [
                { id: 'sugar-full', name: '全糖', priceDeltaFen: 0 },
                { id: 'sugar-half', name: '半糖', priceDeltaFen: 0, isDefault: true },
                { id: 'sugar-none', name: '无糖', priceDeltaFen: 0 },
              ],
            },
            {
              id: 'ice',
              name: '冰量',
              kind: 'single',
              required: true,
              options: [
                { id: 'ice-normal', name: '正常冰', priceDeltaFen: 0 },
                { id: 'ice-less', name: '少冰', priceDeltaFen: 0 },
                { id: 'ice-hot', name: '热', priceDeltaFen: 0 },
              ],
            },
            {
              id: 'toppings',
              name: '小料',
              kind: 'multi',
              required: false,
              maxPicks: 2,
              options: [
                { id: 'pearls', name: '珍珠', priceDeltaFen: 200 },
                { id: 'coconut', name: '椰果', priceDeltaFen: 200 },
                { id: 'pudding', name: '布丁', priceDeltaFen: 300 },
                { id: 'taro', name: '芋圆', priceDeltaFen: 300, soldOut: true },
              ],
            },
          ],
        },
        {
          id: 'oolong-latte',
          name: '乌龙拿铁',
          skus: [{ id: 'oolong-m', name: '中杯', priceFen: 1600 }],
          optionGroups: [],
        },
      ],
    },
    {
      id: 'fruit-tea',
      name: '果茶',
      items: [
        {
          id: 'lemon-tea',
          name: '柠檬茶',
          skus: [{ id: 'lemon-m', name: '中杯', priceFen: 1000 }],
          optionGroups: [],
        },
        {
          id: 'night-soup',
          name: '夜宵糖水',
          skus: [{ id: 'night-soup-1', name: '一份', priceFen: 800 }],
          optionGroups: [],
          availableHours: [{ fromMinute: 21 * 60, toMinute: 2 * 60 }],
        },
        {
          id: 'mango-tea',
          name: '芒果绿茶',
          skus: [{ id: 'mango-m', name: '中杯', priceFen: 1800, soldOut: true }],
          optionGroups: [],
        },
      ],
    },
  ],
}
