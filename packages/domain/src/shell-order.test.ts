import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createOrder } from './create-order'
import { compareStamps, mergeOrders, ordersEqual } from './merge-orders'
import type { FulfilmentStatus, Order } from './order'
import { CHANNELS, FULFILMENT_STATUSES, FULFILMENT_TYPES, derivePaymentStatus, fulfilmentRank } from './order'
import { replicaArb, sampleOrder } from './order.test-helpers'
import { type ShellOrderInput, isShell, mergeWithShell, shellOrder } from './shell-order'
import { withStatus } from './with-status'

const runs = { numRuns: 150 }

// A Meituan delivery order and the shell that news about it made before it arrived: the shell's
// business day and fulfilment type are placeholders that differ from the real ones.
const target: ShellOrderInput = {
  id: 'meituan-mt1',
  storeId: 's1',
  channel: 'meituan',
  externalId: 'mt1',
  businessDay: '2026-11-22',
}
const realBase = createOrder({
  ...target,
  businessDay: '2026-11-23',
  fulfilmentType: 'delivery',
  pickupNumber: 7,
  customer: { name: '王女士', phoneMasked: '138****1234' },
  lines: sampleOrder().lines,
  feesFen: 300,
  notes: '少冰',
  at: 1_000,
  by: 'meituan',
})
const realArb = fc.oneof(
  replicaArb('bff', realBase),
  fc.tuple(replicaArb('t1', realBase), replicaArb('t2', realBase)).map(([a, b]) => mergeOrders(a, b)),
)

/** What one delivery heard about the order: a status report or a settled refund, at a time. */
type News =
  | { kind: 'status'; status: FulfilmentStatus; at: number; reason?: string }
  | { kind: 'refund'; id: string; amountFen: number; at: number }

const atArb = fc.integer({ min: 1_000, max: 2_000 })
const newsArb: fc.Arbitrary<News> = fc.oneof(
  fc.record(
    { kind: fc.constant('status'), status: fc.constantFrom(...FULFILMENT_STATUSES), at: atArb, reason: fc.string() },
    { requiredKeys: ['kind', 'status', 'at'] },
  ),
  fc.record({
    kind: fc.constant('refund'),
    id: fc.constantFrom('mt:r1', 'mt:r2'),
    amountFen: fc.integer({ min: 1, max: 4_000 }),
    at: atArb,
  }),
)

// The delta replica a delivery makes of the order as held (recording when it was heard), joined in as the BFF joins it.
function hear(o: Order, n: News): Order {
  if (n.kind === 'status') return mergeWithShell(o, withStatus(o, n.status, n.at, n.reason))
  const refunds = { ...o.refunds, [n.id]: { id: n.id, amountFen: n.amountFen, at: n.at, reason: '', lines: {} } }
  const timestamps = { ...o.timestamps, updatedAt: Math.max(o.timestamps.updatedAt, n.at) }
  return mergeWithShell(o, { ...o, refunds, payment: derivePaymentStatus(o.payments, refunds), timestamps })
}

const heardArb = fc.array(newsArb, { minLength: 1, maxLength: 6 })
const shellOf = (news: readonly News[]) => news.reduce(hear, shellOrder(target, news[0]?.at ?? 1_000))
const shellArb = heardArb.map(shellOf)

const createInputArb = fc.record({
  id: fc.string({ minLength: 1 }),
  storeId: fc.string({ minLength: 1 }),
  channel: fc.constantFrom(...CHANNELS),
  externalId: fc.option(fc.string(), { nil: null }),
  businessDay: fc.constant('2026-11-23'),
  fulfilmentType: fc.constantFrom(...FULFILMENT_TYPES),
  pickupNumber: fc.option(fc.nat({ max: 999 }), { nil: null }),
  lines: fc.constantFrom([], sampleOrder().lines),
  notes: fc.string(),
  at: fc.integer({ min: -1e12, max: 1e13 }),
  by: fc.string(),
})

describe('shell orders', () => {
  it('[ORD-11] a shell has the identity it was given, no lines, and starts submitted and unpaid', () => {
    const s = shellOrder(target, 1_500)
    expect(isShell(s)).toBe(true)
    expect(s).toMatchObject({
      id: 'meituan-mt1',
      storeId: 's1',
      channel: 'meituan',
      externalId: 'mt1',
      businessDay: '2026-11-22',
      lines: [],
      amounts: { subtotalFen: 0, discountFen: 0, feesFen: 0, totalFen: 0 },
      fulfilment: 'submitted',
      payment: 'unpaid',
      acceptance: null,
    })
    expect(s.timestamps).toMatchObject({ createdAt: 1_500, updatedAt: 1_500 })
  })

  it('[ORD-11] no order made by createOrder or by any event history is a shell', () => {
    fc.assert(
      fc.property(createInputArb, (input) => !isShell(createOrder(input))),
      runs,
    )
    fc.assert(
      fc.property(realArb, (o) => !isShell(o)),
      runs,
    )
  })

  it('[ORD-11] the shell stamp is below every real write', () => {
    fc.assert(
      fc.property(createInputArb, (input) => {
        const real = createOrder(input)
        const s = shellOrder(target, input.at)
        expect(compareStamps(s.linesStamp, real.linesStamp)).toBeLessThan(0)
        expect(compareStamps(s.notesStamp, real.notesStamp)).toBeLessThan(0)
      }),
      runs,
    )
  })

  it('[ORD-11] news about an order keeps its shell a shell until the order itself is joined in', () => {
    fc.assert(
      fc.property(shellArb, shellArb, realArb, (s, t, r) => {
        expect(isShell(s)).toBe(true)
        expect(isShell(mergeWithShell(s, t))).toBe(true)
        expect(isShell(mergeWithShell(s, r))).toBe(false)
        expect(isShell(mergeWithShell(r, s))).toBe(false)
      }),
      runs,
    )
  })

  it("[ORD-12] mergeOrders gives a shell the real order's lines and notes whatever the order of the join", () => {
    fc.assert(
      fc.property(shellArb, realArb, (s, r) => {
        for (const m of [mergeOrders(s, r), mergeOrders(r, s), mergeWithShell(s, r), mergeWithShell(r, s)]) {
          expect(m.lines).toBe(r.lines)
          expect(m.amounts).toBe(r.amounts)
          expect(m.promotions).toBe(r.promotions)
          expect(m.linesStamp).toBe(r.linesStamp)
          expect(m.notes).toBe(r.notes)
        }
      }),
      runs,
    )
  })

  it("[ORD-12] mergeWithShell keeps the real order's identity whatever the order of the join", () => {
    fc.assert(
      fc.property(shellArb, realArb, (s, r) => {
        const m = mergeWithShell(s, r)
        expect(ordersEqual(m, mergeWithShell(r, s))).toBe(true)
        const { id, storeId, channel, externalId, businessDay, fulfilmentType, customer, pickupNumber } = r
        expect(m).toMatchObject({
          id,
          storeId,
          channel,
          externalId,
          businessDay,
          fulfilmentType,
          customer,
          pickupNumber,
        })
      }),
      runs,
    )
    // Plain mergeOrders takes identity from its first argument, the shell's placeholders here.
    const s = shellOrder(target, 1_500)
    expect(mergeOrders(s, realBase).fulfilmentType).toBe('pickup')
    expect(mergeWithShell(s, realBase).fulfilmentType).toBe('delivery')
  })

  it('[ORD-12] what the shell heard survives the join: status, cancel reason, refunds, milestones', () => {
    const cancelled = withStatus(shellOrder(target, 1_200), 'cancelled', 1_200, '顾客取消')
    const m = mergeWithShell(cancelled, realBase)
    expect(m).toMatchObject({ fulfilment: 'cancelled', cancelReason: '顾客取消', businessDay: '2026-11-23' })
    expect(m.timestamps).toMatchObject({ createdAt: 1_000, cancelledAt: 1_200, updatedAt: 1_200 })
    fc.assert(
      fc.property(shellArb, realArb, (s, r) => {
        const joined = mergeWithShell(s, r)
        expect(fulfilmentRank(joined.fulfilment)).toBe(
          Math.max(fulfilmentRank(s.fulfilment), fulfilmentRank(r.fulfilment)),
        )
        for (const id of Object.keys(s.refunds)) expect(joined.refunds[id]).toBeDefined()
        expect(joined.timestamps.updatedAt).toBe(Math.max(s.timestamps.updatedAt, r.timestamps.updatedAt))
      }),
      runs,
    )
  })

  it('[ORD-12] news heard before the order arrived ends the same as news heard after it', () => {
    fc.assert(
      fc.property(heardArb, realArb, (news, r) => {
        const early = mergeWithShell(shellOf(news), r)
        const late = news.reduce(hear, r)
        expect(ordersEqual(early, late)).toBe(true)
      }),
      runs,
    )
  })
})
