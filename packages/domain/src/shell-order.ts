import { createOrder } from './create-order'
import { mergeOrders } from './merge-orders'
import type { Channel, Order, Stamp } from './order'

/**
 * The lines and notes stamp of a shell: below every real write (versions start at 0), so the order's own
 * lines and notes win any merge, and the stamp alone tells a shell apart ([ORD-11]).
 */
const SHELL_STAMP: Stamp = { v: -1, at: 0, by: '' }

/** The identity a shell order takes from the news about it; the caller names it (ids are passed in). */
export interface ShellOrderInput {
  readonly id: string
  readonly storeId: string
  readonly channel: Channel
  readonly externalId: string
  readonly businessDay: string
}

/**
 * An order known only by what was heard *about* it — a cancel, a status or a refund that arrived before
 * the order itself ([ORD-11]). It has no lines, and its identity fields other than the id and channel
 * identity are placeholders that the real order replaces when joined with {@link mergeWithShell}.
 */
export function shellOrder(input: ShellOrderInput, at: number): Order {
  const base = createOrder({
    id: input.id,
    storeId: input.storeId,
    channel: input.channel,
    externalId: input.externalId,
    businessDay: input.businessDay,
    fulfilmentType: 'pickup',
    lines: [],
    at,
    by: input.channel,
  })
  return { ...base, linesStamp: SHELL_STAMP, notesStamp: SHELL_STAMP }
}

/** True while the order is a shell: the order itself has not been joined in yet ([ORD-11]). */
export function isShell(order: Order): boolean {
  return order.linesStamp.v < 0
}

/**
 * Joins two replicas of one order of which either may be a shell ([ORD-12]). `mergeOrders` takes identity
 * fields from its first argument, so the real order goes first: its fulfilment type, customer, business
 * day and channel win whatever the order of the join. Otherwise it is `mergeOrders(a, b)`.
 */
export function mergeWithShell(a: Order, b: Order): Order {
  return isShell(a) && !isShell(b) ? mergeOrders(b, a) : mergeOrders(a, b)
}
