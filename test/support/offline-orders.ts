import { randomBytes } from 'node:crypto'
import {
  type Order,
  type OrderEvent,
  type OrderLine,
  type PickupCounter,
  applyOrderEvent,
  createOrder,
  nextPickupNumber,
  pickupCounter,
} from '@xiaodian/domain'

/** A seeded PRNG (mulberry32), so a failing random run can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates with the given random source. */
export function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/** A UUIDv7: 48 bits of milliseconds, then random bits, so ids sort by creation time. */
export function uuidv7(now: number): string {
  const b = randomBytes(16)
  b.writeUIntBE(now, 0, 6)
  b[6] = ((b[6] as number) & 0x0f) | 0x70
  b[8] = ((b[8] as number) & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * A tablet's pickup numbers: the blocks the BFF gave it (`POST /api/stores/:id/devices`, one block per
 * registered device id), drawn with the domain's counter; when a block runs out, the next one is used.
 */
export class PickupBlocks {
  #counters: PickupCounter[]

  constructor(blocks: readonly { block: number; blockSize: number }[], businessDay: string) {
    this.#counters = blocks.map((b) => pickupCounter(businessDay, b.block, b.blockSize))
  }

  /** Registers `count` device ids for a tablet and returns its blocks. */
  static async register(
    baseUrl: string,
    token: string,
    storeId: string,
    deviceId: string,
    count: number,
    businessDay: string,
  ): Promise<PickupBlocks> {
    const blocks = []
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${baseUrl}/api/stores/${storeId}/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ deviceId: i === 0 ? deviceId : `${deviceId}-spare-${i}` }),
      })
      if (!res.ok) throw new Error(`device registration: ${res.status} ${await res.text()}`)
      blocks.push((await res.json()) as { block: number; blockSize: number })
    }
    return new PickupBlocks(blocks, businessDay)
  }

  next(businessDay: string): number {
    for (const [i, c] of this.#counters.entries()) {
      const r = nextPickupNumber(c, businessDay)
      if (r.ok) {
        this.#counters[i] = r.value.counter
        return r.value.number
      }
      if (r.error.code !== 'PICKUP_BLOCK_EXHAUSTED') throw new Error(r.error.message)
    }
    throw new Error('every pickup block of this tablet is used up today')
  }
}

const MENU = [
  { itemId: 'milk-tea', itemName: '珍珠奶茶', skuId: 'milk-tea-l', skuName: '大杯', price: 1500 },
  { itemId: 'mango', itemName: '杨枝甘露', skuId: 'mango-m', skuName: '中杯', price: 1800 },
  { itemId: 'lemon-tea', itemName: '柠檬茶', skuId: 'lemon-tea-l', skuName: '大杯', price: 1200 },
  { itemId: 'americano', itemName: '美式咖啡', skuId: 'americano-m', skuName: '中杯', price: 1600 },
] as const

/** A counter order as a tablet takes it offline: 1–3 lines with options, paid in cash half of the time. */
export function counterOrder(opts: {
  id: string
  storeId: string
  businessDay: string
  pickupNumber: number
  device: string
  at: number
  random: () => number
}): Order {
  const n = 1 + Math.floor(opts.random() * 3)
  const lines: OrderLine[] = Array.from({ length: n }, (_, i) => {
    const item = MENU[Math.floor(opts.random() * MENU.length)]!
    const quantity = 1 + Math.floor(opts.random() * 2)
    const pearls = opts.random() < 0.5
    const unit = item.price + (pearls ? 200 : 0)
    return {
      id: String(i + 1),
      itemId: item.itemId,
      itemName: item.itemName,
      categoryId: 'drinks',
      skuId: item.skuId,
      skuName: item.skuName,
      options: [
        { groupId: 'sugar', optionId: 'sugar-50', name: '五分糖', priceDeltaFen: 0 },
        ...(pearls ? [{ groupId: 'toppings', optionId: 'pearls', name: '珍珠', priceDeltaFen: 200 }] : []),
      ],
      unitPriceFen: unit,
      quantity,
      subtotalFen: unit * quantity,
      discounts: [],
      totalFen: unit * quantity,
    }
  })
  const order = createOrder({
    id: opts.id,
    storeId: opts.storeId,
    channel: 'pos',
    businessDay: opts.businessDay,
    fulfilmentType: opts.random() < 0.7 ? 'pickup' : 'dine_in',
    pickupNumber: opts.pickupNumber,
    lines,
    at: opts.at,
    by: opts.device,
  })
  if (opts.random() < 0.5) return order
  const payment = { id: `cash:${opts.id}`, amountFen: order.amounts.totalFen, method: 'cash', at: opts.at }
  return mustApply(order, { type: 'payment_received', payment, at: opts.at, by: opts.device })
}

const FORWARD: Record<Order['fulfilment'], OrderEvent['type'][]> = {
  submitted: ['accepted', 'making_started', 'cancelled'],
  accepted: ['making_started', 'ready', 'cancelled'],
  making: ['ready', 'cancelled'],
  ready: ['done', 'cancelled'],
  cancelled: [],
  done: [],
}

/**
 * What a member of staff does to an order on one tablet: one to three status moves (sometimes a cancel),
 * now and then a note or a payment. Every step is a valid move from the tablet's own state.
 */
export function staffChanges(order: Order, device: string, at: number, random: () => number): Order {
  let o = order
  let t = at
  const steps = 1 + Math.floor(random() * 3)
  for (let i = 0; i < steps; i++) {
    const options = FORWARD[o.fulfilment].filter((type) => type !== 'cancelled' || random() < 0.15)
    if (options.length === 0) break
    const type = options[Math.floor(random() * options.length)]!
    t += 1 + Math.floor(random() * 1000)
    o = mustApply(
      o,
      type === 'cancelled'
        ? { type, reason: '顾客取消', at: t, by: device }
        : ({ type, at: t, by: device } as OrderEvent),
    )
  }
  if (random() < 0.3) o = mustApply(o, { type: 'note_set', notes: `${device} 备注`, at: t + 1, by: device })
  if (random() < 0.2 && o.payment === 'unpaid') {
    const payment = { id: `qr:${device}:${o.id}`, amountFen: o.amounts.totalFen, method: 'qr', at: t + 2 }
    o = mustApply(o, { type: 'payment_received', payment, at: t + 2, by: device })
  }
  return o
}

function mustApply(order: Order, event: OrderEvent): Order {
  const r = applyOrderEvent(order, event)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value
}
