import type { SubscribeMessage } from '@xiaodian/shared'

/**
 * The subscribe-message templates the demo mini-program would have chosen from WeChat's public template
 * library. Template ids are account-specific; these are the demo's placeholders. Keys follow WeChat's
 * naming (type + index) and values respect each type's limits: `thing` ≤ 20 characters, `phrase` ≤ 5
 * Chinese characters, `character_string` ≤ 32 letters/digits/symbols, `time` as `2026年11月23日 10:00`,
 * `amount` as `¥12.80`.
 */
const TEMPLATES = {
  order_ready: 'demo-tmpl-order-ready-0001',
  booking_reminder: 'demo-tmpl-booking-reminder-0001',
  group_outcome: 'demo-tmpl-group-outcome-0001',
} as const

/** What a message is about. */
export type NotificationKind = keyof typeof TEMPLATES

/** Which mini-program build a tap opens; the demo runs the developer build. */
const MINIPROGRAM_STATE = 'developer'

/** Cuts a `thing` value to WeChat's 20 characters. */
export function thing(text: string): string {
  const chars = [...text]
  return chars.length <= 20 ? text : `${chars.slice(0, 19).join('')}…`
}

function message(kind: NotificationKind, touser: string, page: string, data: Record<string, string>): SubscribeMessage {
  return {
    touser,
    template_id: TEMPLATES[kind],
    page,
    data: Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }])),
    miniprogram_state: MINIPROGRAM_STATE,
    lang: 'zh_CN',
  }
}

/** 取餐提醒: your order is ready. */
export function orderReadyMessage(m: {
  openid: string
  orderId: string
  pickupNumber: string
  items: string
  storeName: string
  readyAt: string
}): SubscribeMessage {
  return message('order_ready', m.openid, `pages/order/index?id=${m.orderId}`, {
    character_string1: m.pickupNumber,
    thing2: thing(m.items),
    thing3: thing(m.storeName),
    time4: m.readyAt,
    thing5: '请凭取餐号到柜台取餐',
  })
}

/** 预约提醒: your booking starts soon. */
export function bookingReminderMessage(m: {
  openid: string
  bookingId: string
  serviceName: string
  startsAt: string
  storeName: string
  bay: string
}): SubscribeMessage {
  return message('booking_reminder', m.openid, `pages/booking/detail?id=${m.bookingId}`, {
    thing1: thing(m.serviceName),
    time2: m.startsAt,
    thing3: thing(m.storeName),
    thing4: thing(m.bay),
    thing5: '请提前5分钟到店',
  })
}

/** 拼团结果: the team succeeded, or failed and the payment goes back. */
export function groupOutcomeMessage(m: {
  openid: string
  groupId: string
  offerName: string
  succeeded: boolean
  members: number
  amount: string
}): SubscribeMessage {
  return message('group_outcome', m.openid, `pages/groupbuy/detail?id=${m.groupId}`, {
    thing1: thing(m.offerName),
    phrase2: m.succeeded ? '拼团成功' : '拼团失败',
    number3: String(m.members),
    amount4: m.amount,
    thing5: m.succeeded ? '订单已确认，请到店消费' : '款项将原路退回',
  })
}
