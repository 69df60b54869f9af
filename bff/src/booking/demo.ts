import type { MinuteWindow } from '@xiaodian/domain'
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
