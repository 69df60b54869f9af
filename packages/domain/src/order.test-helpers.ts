import { createOrder } from './create-order'
import type { Order, OrderLine } from './order'

/** A one-line order fixture for tests. */
export function sampleOrder(overrides: Partial<Parameters<typeof createOrder>[0]> = {}): Order {
  const line: OrderLine = {
    id: 'l1',
    itemId: 'pearl-tea',
    itemName: '珍珠奶茶',
    categoryId: 'milk-tea',
    skuId: 'pearl-m',
    skuName: '中杯',
    options: [{ groupId: 'toppings', optionId: 'pearls', name: '珍珠', priceDeltaFen: 200 }],
    unitPriceFen: 1400,
    quantity: 2,
    subtotalFen: 2800,
    discounts: [{ promotionId: 'p1', amountFen: 300 }],
    totalFen: 2500,
  }
  return createOrder({
    id: 'o1',
    storeId: 's1',
    channel: 'pos',
    businessDay: '2026-11-23',
    fulfilmentType: 'pickup',
    lines: [line],
    promotions: [{ promotionId: 'p1', name: '满25减3', savingFen: 300 }],
    at: 1_000,
    by: 'tablet-1',
    ...overrides,
  })
}
