import { deepEqual } from './deep-equal'
import type { Acceptance, Order, OrderTimestamps, PaymentRecord, RefundRecord, Stamp } from './order'
import { derivePaymentStatus, fulfilmentRank } from './order'

/** Orders two register stamps: version, then wall time, then writer id. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.v !== b.v) return a.v - b.v
  if (a.at !== b.at) return a.at - b.at
  return a.by < b.by ? -1 : a.by > b.by ? 1 : 0
}

/**
 * Joins two replicas of one order (the same `id`). Commutative, associative and idempotent ([ORD-4]):
 * - fulfilment takes the higher status in the lattice, so progress only moves forward ([ORD-5]);
 * - payments and refunds are sets keyed by id, merged by union; the payment status is derived ([ORD-7]);
 * - lines (with amounts and promotions) and notes are registers: the higher stamp wins, except that once
 *   the order was accepted the lines stay at the accepted version ([ORD-6]);
 * - milestone timestamps keep the earliest, `updatedAt` the latest; the pickup number keeps the smallest.
 * Identity fields (store, channel, external id, business day, fulfilment type, customer) never change
 * after creation, so they are taken from either side. Returns `a` itself when nothing changes.
 */
export function mergeOrders(a: Order, b: Order): Order {
  if (a === b) return a
  const acceptance = mergeAcceptance(a.acceptance, b.acceptance)
  const linesSide = pickLines(a, b, acceptance)
  const notesSide = pickNotes(a, b)
  const fulfilment = fulfilmentRank(a.fulfilment) >= fulfilmentRank(b.fulfilment) ? a.fulfilment : b.fulfilment
  const payments = unionRecords(a.payments, b.payments, pickPayment)
  const refunds = unionRecords(a.refunds, b.refunds, pickRefund)
  const timestamps = mergeTimestamps(a.timestamps, b.timestamps)
  const cancelReason = mergeCancelReason(a, b)
  const pickupNumber =
    a.pickupNumber === null
      ? b.pickupNumber
      : b.pickupNumber === null
        ? a.pickupNumber
        : Math.min(a.pickupNumber, b.pickupNumber)
  const payment =
    payments === a.payments && refunds === a.refunds
      ? a.payment
      : payments === b.payments && refunds === b.refunds
        ? b.payment
        : derivePaymentStatus(payments, refunds)
  if (
    linesSide === a &&
    acceptance === a.acceptance &&
    notesSide === a &&
    fulfilment === a.fulfilment &&
    payments === a.payments &&
    refunds === a.refunds &&
    timestamps === a.timestamps &&
    cancelReason === a.cancelReason &&
    pickupNumber === a.pickupNumber
  ) {
    return a
  }
  return {
    id: a.id,
    storeId: a.storeId,
    channel: a.channel,
    externalId: a.externalId,
    businessDay: a.businessDay,
    fulfilmentType: a.fulfilmentType,
    pickupNumber,
    customer: a.customer,
    lines: linesSide.lines,
    amounts: linesSide.amounts,
    promotions: linesSide.promotions,
    linesStamp: linesSide.linesStamp,
    acceptance,
    notes: notesSide.notes,
    notesStamp: notesSide.notesStamp,
    fulfilment,
    cancelReason,
    payment,
    payments,
    refunds,
    timestamps,
  }
}

/**
 * Whether two replicas hold the same state — what RxDB's conflict handler asks (`isEqual`). Structural,
 * so a replica that went through JSON compares equal to the original.
 */
export function ordersEqual(a: Order, b: Order): boolean {
  if (a === b) return true
  return (
    a.id === b.id &&
    a.fulfilment === b.fulfilment &&
    a.payment === b.payment &&
    a.pickupNumber === b.pickupNumber &&
    a.cancelReason === b.cancelReason &&
    a.notes === b.notes &&
    compareStamps(a.linesStamp, b.linesStamp) === 0 &&
    compareStamps(a.notesStamp, b.notesStamp) === 0 &&
    deepEqual(a.timestamps, b.timestamps) &&
    deepEqual(a.payments, b.payments) &&
    deepEqual(a.refunds, b.refunds) &&
    deepEqual(a, b)
  )
}

// Once accepted, the lines are the accepted version, which the accepting side holds; edits made
// concurrently elsewhere lose. Before acceptance the newer stamp wins. Equal stamps should mean the same
// write; if a buggy replica reused one, the content decides, so merge stays commutative regardless.
function pickLines(a: Order, b: Order, acceptance: Acceptance | null): Order {
  if (acceptance !== null) {
    const aHas = acceptance === a.acceptance || sameAcceptance(acceptance, a.acceptance)
    const bHas = acceptance === b.acceptance || sameAcceptance(acceptance, b.acceptance)
    if (aHas !== bHas) return aHas ? a : b
  }
  const c = compareStamps(a.linesStamp, b.linesStamp)
  if (c !== 0) return c > 0 ? a : b
  if (a.lines === b.lines && a.amounts === b.amounts && a.promotions === b.promotions) return a
  // Replicas that went through JSON hold equal but distinct objects: the usual case, answered cheaply.
  if (deepEqual(a.lines, b.lines) && deepEqual(a.amounts, b.amounts) && deepEqual(a.promotions, b.promotions)) {
    return a
  }
  const ja = JSON.stringify([a.lines, a.amounts, a.promotions])
  const jb = JSON.stringify([b.lines, b.amounts, b.promotions])
  return ja >= jb ? a : b
}

function pickNotes(a: Order, b: Order): Order {
  const c = compareStamps(a.notesStamp, b.notesStamp)
  if (c !== 0) return c > 0 ? a : b
  return a.notes >= b.notes ? a : b
}

// The first acceptance wins: earliest time, then the smaller lines stamp, so every replica agrees.
function mergeAcceptance(x: Acceptance | null, y: Acceptance | null): Acceptance | null {
  if (x === null) return y
  if (y === null || x === y) return x
  if (x.at !== y.at) return x.at < y.at ? x : y
  return compareStamps(x.lines, y.lines) <= 0 ? x : y
}

function sameAcceptance(x: Acceptance, y: Acceptance | null): boolean {
  return y !== null && x.at === y.at && compareStamps(x.lines, y.lines) === 0
}

// The earliest cancellation names the reason; ties fall to the smaller reason text so both sides agree.
function mergeCancelReason(a: Order, b: Order): string | null {
  const ta = a.timestamps.cancelledAt
  const tb = b.timestamps.cancelledAt
  if (ta === null) return tb === null ? minText(a.cancelReason, b.cancelReason) : b.cancelReason
  if (tb === null || ta < tb) return a.cancelReason
  if (tb < ta) return b.cancelReason
  return minText(a.cancelReason, b.cancelReason)
}

function minText(x: string | null, y: string | null): string | null {
  if (x === null) return y
  if (y === null) return x
  return x <= y ? x : y
}

function minTime(x: number | null, y: number | null): number | null {
  if (x === null) return y
  if (y === null) return x
  return x <= y ? x : y
}

function mergeTimestamps(a: OrderTimestamps, b: OrderTimestamps): OrderTimestamps {
  if (a === b) return a
  const acceptedAt = minTime(a.acceptedAt, b.acceptedAt)
  const makingAt = minTime(a.makingAt, b.makingAt)
  const readyAt = minTime(a.readyAt, b.readyAt)
  const doneAt = minTime(a.doneAt, b.doneAt)
  const cancelledAt = minTime(a.cancelledAt, b.cancelledAt)
  const createdAt = Math.min(a.createdAt, b.createdAt)
  const updatedAt = Math.max(a.updatedAt, b.updatedAt)
  if (
    acceptedAt === a.acceptedAt &&
    makingAt === a.makingAt &&
    readyAt === a.readyAt &&
    doneAt === a.doneAt &&
    cancelledAt === a.cancelledAt &&
    createdAt === a.createdAt &&
    updatedAt === a.updatedAt
  ) {
    return a
  }
  return { createdAt, acceptedAt, makingAt, readyAt, doneAt, cancelledAt, updatedAt }
}

function pickPayment(x: PaymentRecord, y: PaymentRecord): PaymentRecord {
  if (x.amountFen !== y.amountFen) return x.amountFen > y.amountFen ? x : y
  if (x.at !== y.at) return x.at < y.at ? x : y
  return x.method <= y.method ? x : y
}

function pickRefund(x: RefundRecord, y: RefundRecord): RefundRecord {
  if (x.amountFen !== y.amountFen) return x.amountFen > y.amountFen ? x : y
  if (x.at !== y.at) return x.at < y.at ? x : y
  if (x.reason !== y.reason) return x.reason < y.reason ? x : y
  if (x.lines === y.lines) return x
  return JSON.stringify(x.lines) <= JSON.stringify(y.lines) ? x : y
}

// Set union keyed by id; returns one of the inputs untouched when it already holds the union.
function unionRecords<T>(
  a: Readonly<Record<string, T>>,
  b: Readonly<Record<string, T>>,
  pick: (x: T, y: T) => T,
): Readonly<Record<string, T>> {
  if (a === b) return a
  let aHasAll = true
  let bHasAll = true
  for (const k in b) {
    const x = a[k]
    const y = b[k] as T
    if (x === undefined || (x !== y && pick(x, y) !== x)) {
      aHasAll = false
      break
    }
  }
  if (aHasAll) return a
  for (const k in a) {
    const y = b[k]
    const x = a[k] as T
    if (y === undefined || (x !== y && pick(x, y) !== y)) {
      bHasAll = false
      break
    }
  }
  if (bHasAll) return b
  const out: Record<string, T> = { ...a }
  for (const k in b) {
    const x = out[k]
    const y = b[k] as T
    out[k] = x === undefined ? y : pick(x, y)
  }
  return out
}
