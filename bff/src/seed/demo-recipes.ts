import type { Recipes } from '@xiaodian/shared'

const line = (ingredientId: string, quantity: number) => ({ ingredientId, quantity })
const cup = line('cups', 1)

/** A drink in two sizes: medium and large amounts of each ingredient, plus a cup. */
function drink(id: string, medium: [string, number][], large: [string, number][]) {
  return {
    [`${id}-m`]: [...medium.map(([i, q]) => line(i, q)), cup],
    [`${id}-l`]: [...large.map(([i, q]) => line(i, q)), cup],
  }
}

/** 茶语小栈's recipes: what one cup of each size and each topping uses. */
const TEA: Recipes = {
  ingredients: [
    { id: 'black-tea', name: '红茶叶', unit: 'g', packSize: 500, packName: '袋' },
    { id: 'green-tea', name: '绿茶叶', unit: 'g', packSize: 500, packName: '袋' },
    { id: 'milk', name: '鲜奶', unit: 'ml', packSize: 1000, packName: '盒' },
    { id: 'pearls', name: '珍珠', unit: 'g', packSize: 3000, packName: '袋' },
    { id: 'brown-sugar', name: '黑糖', unit: 'g', packSize: 1000, packName: '袋' },
    { id: 'taro-paste', name: '芋泥', unit: 'g', packSize: 1000, packName: '盒' },
    { id: 'mango', name: '芒果', unit: 'g', packSize: 5000, packName: '箱' },
    { id: 'passion-fruit', name: '百香果', unit: '个', packSize: 50, packName: '箱' },
    { id: 'lemon', name: '柠檬', unit: '个', packSize: 40, packName: '箱' },
    { id: 'coffee-beans', name: '咖啡豆', unit: 'g', packSize: 1000, packName: '袋' },
    { id: 'coconut-milk', name: '椰乳', unit: 'ml', packSize: 1000, packName: '瓶' },
    { id: 'coconut-jelly', name: '椰果', unit: 'g', packSize: 2000, packName: '袋' },
    { id: 'taro-balls', name: '芋圆', unit: 'g', packSize: 1000, packName: '袋' },
    { id: 'cream', name: '奶盖', unit: 'ml', packSize: 1000, packName: '盒' },
    { id: 'pudding', name: '布丁', unit: '个', packSize: 24, packName: '箱' },
    { id: 'waffle-mix', name: '鸡蛋仔粉', unit: 'g', packSize: 2500, packName: '袋' },
    { id: 'cups', name: '杯子', unit: '个', packSize: 500, packName: '箱' },
  ],
  skus: {
    ...drink(
      'pearl-milk-tea',
      [
        ['black-tea', 8],
        ['milk', 150],
        ['pearls', 45],
      ],
      [
        ['black-tea', 10],
        ['milk', 200],
        ['pearls', 60],
      ],
    ),
    ...drink(
      'taro-boba',
      [
        ['milk', 150],
        ['taro-paste', 60],
        ['pearls', 30],
      ],
      [
        ['milk', 200],
        ['taro-paste', 80],
        ['pearls', 40],
      ],
    ),
    ...drink(
      'brown-sugar',
      [
        ['milk', 180],
        ['brown-sugar', 25],
        ['pearls', 45],
      ],
      [
        ['milk', 240],
        ['brown-sugar', 30],
        ['pearls', 60],
      ],
    ),
    ...drink(
      'mango-pomelo',
      [
        ['mango', 120],
        ['coconut-milk', 80],
      ],
      [
        ['mango', 160],
        ['coconut-milk', 100],
      ],
    ),
    ...drink(
      'passion-fruit',
      [
        ['passion-fruit', 1],
        ['green-tea', 6],
      ],
      [
        ['passion-fruit', 2],
        ['green-tea', 8],
      ],
    ),
    ...drink(
      'lemon-green',
      [
        ['lemon', 0.5],
        ['green-tea', 6],
      ],
      [
        ['lemon', 0.5],
        ['green-tea', 8],
      ],
    ),
    'coconut-latte-r': [line('coffee-beans', 18), line('coconut-milk', 150), cup],
    'americano-r': [line('coffee-beans', 18), cup],
    'egg-waffle-r': [line('waffle-mix', 120)],
  },
  options: {
    pearl: [line('pearls', 50)],
    coconut: [line('coconut-jelly', 40)],
    'taro-ball': [line('taro-balls', 40)],
    'cheese-foam': [line('cream', 40)],
    pudding: [line('pudding', 1)],
  },
}

/** 闪亮洗车's consumables per service. */
const WASH: Recipes = {
  ingredients: [
    { id: 'shampoo', name: '洗车液', unit: 'ml', packSize: 20000, packName: '桶' },
    { id: 'wax', name: '镀膜剂', unit: 'ml', packSize: 1000, packName: '瓶' },
    { id: 'interior-cleaner', name: '内饰清洁剂', unit: 'ml', packSize: 5000, packName: '桶' },
    { id: 'towels', name: '毛巾', unit: '条', packSize: 50, packName: '包' },
  ],
  skus: {
    'basic-wash-r': [line('shampoo', 150), line('towels', 2)],
    'basic-wash-suv': [line('shampoo', 200), line('towels', 3)],
    'fine-wash-r': [line('shampoo', 250), line('towels', 4)],
    'fine-wash-suv': [line('shampoo', 300), line('towels', 5)],
    'interior-r': [line('interior-cleaner', 300), line('towels', 4)],
    'wax-r': [line('wax', 200), line('shampoo', 150), line('towels', 4)],
  },
  options: {},
}

/** The demo shops' recipes, and this morning's stock counts (some of it running low). */
export const DEMO_RECIPES: Readonly<Record<string, { recipes: Recipes; stock: Readonly<Record<string, number>> }>> = {
  'tea-01': {
    recipes: TEA,
    stock: {
      'black-tea': 900,
      'green-tea': 700,
      milk: 18000,
      pearls: 4200,
      'brown-sugar': 2500,
      'taro-paste': 1800,
      mango: 2600,
      'passion-fruit': 30,
      lemon: 25,
      'coffee-beans': 900,
      'coconut-milk': 4000,
      'coconut-jelly': 2500,
      'taro-balls': 600,
      cream: 900,
      pudding: 12,
      'waffle-mix': 2000,
      cups: 420,
    },
  },
  'wash-01': { recipes: WASH, stock: { shampoo: 6000, wax: 500, 'interior-cleaner': 2500, towels: 60 } },
}
