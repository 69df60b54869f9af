/** A small tea-shop menu answer and related bodies, as the BFF sends them (for tests). */
export const TEA_STORE = { id: 'tea-01', name: '茶语小栈 · 人民路店', kind: 'tea', timeZone: 'Asia/Shanghai' } as const

export const MENU_ANSWER = {
  store: TEA_STORE,
  menu: {
    id: 'tea-01-menu',
    categories: [
      {
        id: 'milk-tea',
        name: '招牌奶茶',
        items: [
          {
            id: 'pearl-milk-tea',
            name: '珍珠奶茶',
            skus: [
              { id: 'pearl-milk-tea-m', name: '中杯', priceFen: 1200 },
              { id: 'pearl-milk-tea-l', name: '大杯', priceFen: 1500 },
            ],
            optionGroups: [
              {
                id: 'sugar',
                name: '甜度',
                kind: 'single',
                required: true,
                options: [
                  { id: 'sugar-100', name: '全糖', priceDeltaFen: 0 },
                  { id: 'sugar-50', name: '五分糖', priceDeltaFen: 0, isDefault: true },
                ],
              },
              {
                id: 'toppings',
                name: '加料',
                kind: 'multi',
                required: false,
                maxPicks: 2,
                options: [
                  { id: 'pearl', name: '珍珠', priceDeltaFen: 200 },
                  { id: 'coconut', name: '椰果', priceDeltaFen: 200 },
                  { id: 'taro-ball', name: '芋圆', priceDeltaFen: 300 },
                ],
              },
            ],
          },
          {
            id: 'taro-boba',
            name: '芋泥波波',
            skus: [{ id: 'taro-boba-m', name: '中杯', priceFen: 1600 }],
            optionGroups: [],
          },
        ],
      },
    ],
  },
  promotions: [{ id: 'manjian', name: '满30减5 · 满50减12' }],
  soldOut: { items: [] as string[], skus: [] as string[], options: [] as string[] },
}

/** An order as the BFF stores it. */
export function orderBody(patch: Record<string, unknown> = {}) {
  return {
    id: 'order0000000001',
    storeId: 'tea-01',
    channel: 'miniprogram',
    externalId: 'order0000000001',
    businessDay: '2026-11-23',
    fulfilmentType: 'pickup',
    pickupNumber: 7,
    customer: { id: 'o123', name: '顾客', phoneMasked: null },
    lines: [
      {
        id: 'l1',
        itemId: 'pearl-milk-tea',
        itemName: '珍珠奶茶',
        categoryId: 'milk-tea',
        skuId: 'pearl-milk-tea-l',
        skuName: '大杯',
        options: [{ groupId: 'toppings', optionId: 'pearl', name: '珍珠', priceDeltaFen: 200 }],
        unitPriceFen: 1700,
        quantity: 2,
        subtotalFen: 3400,
        discounts: [{ promotionId: 'manjian', amountFen: 500 }],
        totalFen: 2900,
      },
    ],
    amounts: { subtotalFen: 3400, discountFen: 500, feesFen: 0, totalFen: 2900 },
    promotions: [{ promotionId: 'manjian', name: '满30减5 · 满50减12', savingFen: 500 }],
    linesStamp: { v: 1, at: 1, by: 'miniprogram' },
    notes: '',
    notesStamp: { v: 0, at: 1, by: 'miniprogram' },
    fulfilment: 'submitted',
    acceptance: null,
    cancelReason: null,
    payment: 'unpaid',
    payments: {},
    refunds: {},
    timestamps: {
      createdAt: 1,
      acceptedAt: null,
      makingAt: null,
      readyAt: null,
      doneAt: null,
      cancelledAt: null,
      updatedAt: 1,
    },
    ...patch,
  }
}
