/**
 * Meituan's order pushes (paid, confirmed) → `order.placed`, plus an `order.status` when the push says the
 * order is already past submitted.
 */
import { z } from 'zod'
import type { ChannelCommand, ChannelStatus, DraftLine, DraftLineOption, OrderDraft } from '../../ingest/command'
import { epochMs, type Field, fen, integer, json, lookup, type MeituanMapError, optional, required } from './fields'
import { maskPhone } from './phone'
import type { MeituanParams } from './sign'
import { yuanToFen } from './yuan'

/** What a mapper needs to know about the store. */
export interface MeituanMapContext {
  storeId: string
  /** Meituan `app_food_code` → the store's SKU id. */
  menu: ReadonlyMap<string, string>
}

/** The result of mapping one push: the commands to ingest in order (none when the push changes nothing). */
export type MeituanMapResult =
  | { ok: true; commands: ChannelCommand[]; ignored?: string }
  | { ok: false; error: MeituanMapError }

/** Meituan order `status` → channel status. 1/2/3 submitted; 4 confirmed, 6 shipping, 7 delivered; 8 done; 9 cancelled. */
export const MEITUAN_ORDER_STATUS: Readonly<Record<string, ChannelStatus>> = {
  '1': 'submitted',
  '2': 'submitted',
  '3': 'submitted',
  '4': 'accepted',
  '6': 'accepted',
  '7': 'accepted',
  '8': 'done',
  '9': 'cancelled',
}

const RANK: Readonly<Record<ChannelStatus, number>> = { submitted: 0, accepted: 1, done: 2, cancelled: 3 }

const code = z.union([z.string(), z.number()]).transform(String)
const amount = z.union([z.number().nonnegative(), z.string()])
const count = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number),
  ])
  .pipe(z.number().int().min(0))

/** One element of the `detail` JSON list (extra fields allowed). */
const detailItemSchema = z.looseObject({
  app_food_code: code.optional(),
  food_name: z.string().min(1),
  sku_id: code.optional(),
  quantity: count,
  price: amount,
  box_num: z.number().nonnegative().optional(),
  box_price: amount.optional(),
  spec: z.string().optional(),
  food_property: z.string().optional(),
})

const detailSchema = z.array(detailItemSchema).min(1)
type DetailItem = z.infer<typeof detailItemSchema>

/**
 * Maps an order push. `floor` is the least status the push type implies (a confirmed push is at least
 * accepted even if its `status` field lags); the order's own `status` wins when it is further along.
 */
export function mapOrderPush(params: MeituanParams, ctx: MeituanMapContext, floor: ChannelStatus): MeituanMapResult {
  const orderId = required(params, 'order_id')
  if (!orderId.ok) return orderId
  const at = epochMs(params, 'timestamp')
  if (!at.ok) return at
  const draft = mapDraft(params, ctx, at.value)
  if (!draft.ok) return draft
  const base = { storeId: ctx.storeId, channel: 'meituan' as const, externalId: orderId.value, at: at.value }
  const placed: ChannelCommand = {
    ...base,
    kind: 'order.placed',
    // pay_type 1 is cash on delivery; 2 (online) is what paid pushes carry.
    paid: params.get('pay_type') !== '1',
    order: draft.value,
  }
  const fromField = lookup(MEITUAN_ORDER_STATUS, params.get('status')) ?? 'submitted'
  const status = RANK[fromField] > RANK[floor] ? fromField : floor
  if (status === 'submitted') return { ok: true, commands: [placed] }
  return { ok: true, commands: [placed, { ...base, kind: 'order.status', status }] }
}

function mapDraft(params: MeituanParams, ctx: MeituanMapContext, atMs: number): Field<OrderDraft> {
  const detail = json(params, 'detail', detailSchema)
  if (!detail.ok) return detail
  const lines: DraftLine[] = []
  let boxesFen = 0
  for (const [index, item] of detail.value.entries()) {
    const line = mapLine(item, index, ctx.menu)
    if (!line.ok) return line
    lines.push(line.value.line)
    boxesFen += line.value.boxesFen
  }
  const total = fen(params, 'total')
  if (!total.ok) return total
  const shipping = fen(params, 'shipping_fee', 0)
  if (!shipping.ok) return shipping
  const placedAt = epochMs(params, 'ctime', atMs)
  if (!placedAt.ok) return placedAt
  // package_bag_money is the one amount Meituan sends in fen.
  const bag = integer(params, 'package_bag_money', 0)
  if (!bag.ok) return bag
  const subtotalFen = lines.reduce((sum, line) => sum + line.unitPriceFen * line.quantity, 0)
  const original = fen(params, 'original_price', subtotalFen + shipping.value + boxesFen + bag.value)
  if (!original.ok) return original
  // original_price is the price before discounts, fees included; deriving fees and discount from it keeps
  // subtotal + fees - discount = total whenever Meituan's own numbers agree.
  const feesFen = Math.max(0, original.value - subtotalFen)
  const discountFen = Math.max(0, subtotalFen + feesFen - total.value)
  const draft: OrderDraft = {
    lines,
    subtotalFen,
    discountFen,
    feesFen,
    totalFen: total.value,
    fulfilment: params.get('pick_type') === '1' ? 'pickup' : 'delivery',
    placedAt: placedAt.value,
  }
  const pickupNumber = optional(params, 'day_seq')
  if (pickupNumber) draft.pickupNumber = pickupNumber
  const customer = mapCustomer(params)
  if (customer) draft.customer = customer
  const note = optional(params, 'caution')
  if (note) draft.note = note
  return { ok: true, value: draft }
}

function mapLine(
  item: DetailItem,
  index: number,
  menu: ReadonlyMap<string, string>,
): Field<{ line: DraftLine; boxesFen: number }> {
  const price = yuanToFen(item.price)
  const boxPrice = yuanToFen(item.box_price ?? 0)
  const field = `detail[${index}]`
  if (!price.ok) return lineError(`${field}.price`, price.message)
  if (!boxPrice.ok) return lineError(`${field}.box_price`, boxPrice.message)
  const line: DraftLine = {
    name: item.food_name,
    quantity: item.quantity,
    unitPriceFen: price.fen,
    options: mapOptions(item),
  }
  if (item.app_food_code) {
    line.externalCode = item.app_food_code
    const skuId = menu.get(item.app_food_code)
    if (skuId !== undefined) line.skuId = skuId
  }
  return { ok: true, value: { line, boxesFen: Math.round((item.box_num ?? 0) * boxPrice.fen) } }
}

function lineError(field: string, message: string): Field<never> {
  return { ok: false, error: { code: 'MALFORMED_FIELD', field, message: `field "${field}" ${message}` } }
}

// The price of a line already includes its spec and properties, so options carry no price delta.
function mapOptions(item: DetailItem): DraftLineOption[] {
  const options: DraftLineOption[] = []
  if (item.spec) options.push({ group: '规格', name: item.spec, priceDeltaFen: 0 })
  for (const name of (item.food_property ?? '').split(/[,，]/)) {
    if (name.trim()) options.push({ group: '属性', name: name.trim(), priceDeltaFen: 0 })
  }
  return options
}

function mapCustomer(params: MeituanParams): OrderDraft['customer'] {
  const customer: NonNullable<OrderDraft['customer']> = {}
  const name = optional(params, 'recipient_name')
  if (name) customer.name = name
  const phone = maskPhone(params.get('recipient_phone'))
  if (phone) customer.phoneMasked = phone
  const address = formatAddress(params.get('recipient_address'))
  if (address) customer.address = address
  return Object.keys(customer).length > 0 ? customer : undefined
}

/** `用户填写@#反查地址`: what the customer typed, then the geocoded address in parentheses when it differs. */
function formatAddress(value: string | undefined): string | undefined {
  if (!value) return undefined
  const [typed = '', geocoded = ''] = value.split('@#', 2)
  if (!geocoded || geocoded === typed) return typed || undefined
  return typed ? `${typed}（${geocoded}）` : geocoded
}
