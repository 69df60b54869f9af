import type { MinuteWindow } from '@xiaodian/domain'
import type { GroupOffer } from '../groupbuy/offers'
import type { StorePlan } from '../passes/plans'
import type { BookingConfig } from './config'

const DAY_HOURS: readonly MinuteWindow[] = [{ fromMinute: 8 * 60, toMinute: 20 * 60 }]

/**
 * 闪亮洗车's bays and services. Four bays: bay 4 has the lift (精洗 includes the underbody, so it needs the
 * lift), bays 3–4 are indoor (interior cleaning and waxing need shelter), bays 1–2 are open-air. The
 * allocator breaks ties by bay id, so the ids run from the least to the most capable bay: a plain wash
 * lands on an open-air bay first and keeps the lift free for the washes that need it. Open
 * 08:00–20:00 every day; National Day runs short hours and New Year's Eve is closed. Starts every 15 minutes,
 * at least 30 minutes ahead and at most 14 days ahead.
 */
export const DEMO_WASH_BOOKING: BookingConfig = {
  resources: [
    { id: 'bay-1', name: '1号工位', capabilities: [] },
    { id: 'bay-2', name: '2号工位', capabilities: [] },
    { id: 'bay-3', name: '3号工位(室内)', capabilities: ['indoor'] },
    { id: 'bay-4', name: '4号工位(举升机)', capabilities: ['lift', 'indoor'] },
  ],
  services: [
    {
      id: 'basic-wash',
      itemId: 'basic-wash',
      name: '标准洗车',
      durationMin: 30,
      bufferMin: 10,
      requires: [],
      slotIntervalMin: 15,
    },
    {
      id: 'fine-wash',
      itemId: 'fine-wash',
      name: '精致洗车',
      durationMin: 60,
      bufferMin: 15,
      requires: ['lift'],
      slotIntervalMin: 15,
    },
    {
      id: 'interior',
      itemId: 'interior',
      name: '内饰深度清洁',
      durationMin: 90,
      bufferMin: 15,
      requires: ['indoor'],
      slotIntervalMin: 15,
    },
    {
      id: 'wax',
      itemId: 'wax',
      name: '镀膜打蜡',
      durationMin: 120,
      bufferMin: 15,
      requires: ['indoor'],
      slotIntervalMin: 15,
    },
  ],
  weeklyHours: [DAY_HOURS, DAY_HOURS, DAY_HOURS, DAY_HOURS, DAY_HOURS, DAY_HOURS, DAY_HOURS],
  overrides: [
    { date: '2026-10-01', windows: [{ fromMinute: 10 * 60, toMinute: 16 * 60 }] },
    { date: '2027-02-05', windows: [] },
  ],
  policy: {
    minNoticeMin: 30,
    windowDays: 14,
    mode: 'assigned',
    cancelCutoffMin: 120,
    rescheduleCutoffMin: 120,
    reminderLeadMin: 60,
    maxHoldsPerCustomer: 3,
  },
}

/** Booking configurations of the demo stores, seeded into an empty database. */
export const DEMO_BOOKING_CONFIGS: Readonly<Record<string, BookingConfig>> = { 'wash-01': DEMO_WASH_BOOKING }

/**
 * The demo plans. 闪亮洗车 sells a 10-wash pass (a year to use it; each use covers a 标准洗车 and a 精洗
 * pays the difference, 精洗补差价) and a monthly pass (one wash a day). 茶语小栈 sells two drink plans: a
 * 柠檬绿茶 every day for 30 days (the day's order is placed at the start of the day, the first one at once),
 * and a 珍珠奶茶 (大杯, 五分糖) every Monday at 10:00 for four weeks.
 */
export const DEMO_PLANS: Readonly<Record<string, readonly StorePlan[]>> = {
  'wash-01': [
    {
      id: 'wash-10',
      kind: 'pass',
      name: '洗车10次卡',
      description: '10次标准洗车，一年内有效；精洗补差价',
      priceFen: 29_900,
      schedule: { type: 'interval', every: 1, unit: 'month' },
      validityPeriods: 12,
      totalUses: 10,
      valueCapFen: 3_500,
      itemIds: ['basic-wash', 'fine-wash'],
    },
    {
      id: 'wash-month',
      kind: 'pass',
      name: '洗车月卡',
      description: '30天内每天可洗一次标准洗车',
      priceFen: 19_900,
      schedule: { type: 'interval', every: 30, unit: 'day' },
      validityPeriods: 1,
      usesPerDay: 1,
      itemIds: ['basic-wash'],
    },
  ],
  'tea-01': [
    {
      id: 'tea-daily',
      kind: 'drink_plan',
      name: '每日柠檬茶',
      description: '30天每天一杯中杯柠檬绿茶，每天开门即自动下单，到店自取',
      priceFen: 19_900,
      schedule: { type: 'interval', every: 1, unit: 'day' },
      validityPeriods: 30,
      usesPerPeriod: 1,
      itemIds: ['lemon-green'],
      generates: { itemId: 'lemon-green', skuId: 'lemon-green-m', quantity: 1 },
    },
    {
      id: 'tea-weekly',
      kind: 'drink_plan',
      name: '周周奶茶',
      description: '每周一 10:00 自动下单一杯大杯珍珠奶茶，连续4周，到店自取',
      priceFen: 4_900,
      schedule: { type: 'cron', expr: '0 10 * * 1' },
      validityPeriods: 4,
      usesPerPeriod: 1,
      itemIds: ['pearl-milk-tea'],
      generates: {
        itemId: 'pearl-milk-tea',
        skuId: 'pearl-milk-tea-l',
        options: { sugar: ['sugar-50'] },
        quantity: 1,
      },
    },
  ],
}

/**
 * The demo 拼团 offers: three friends get 杨枝甘露 (大杯) for ¥12.80 each within a day; two cars get a 精致洗车
 * for ¥49 each within two days.
 */
export const DEMO_GROUP_OFFERS: Readonly<Record<string, readonly GroupOffer[]>> = {
  'tea-01': [
    {
      id: 'gb-mango-3',
      name: '杨枝甘露3人团',
      itemId: 'mango-pomelo',
      skuId: 'mango-pomelo-l',
      groupFen: 1_280,
      size: 3,
      windowMinutes: 24 * 60,
    },
  ],
  'wash-01': [
    {
      id: 'gb-fine-wash-2',
      name: '精致洗车2人团',
      itemId: 'fine-wash',
      skuId: 'fine-wash-r',
      groupFen: 4_900,
      size: 2,
      windowMinutes: 48 * 60,
    },
  ],
}
