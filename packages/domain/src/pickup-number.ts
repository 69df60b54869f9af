import { err, ok, type Result } from './errors'

/**
 * One device's pickup-number counter for one store and business day. Device block `k` hands out
 * `k·blockSize + 1 … k·blockSize + blockSize − 1`, so two tablets working offline never collide ([PCK-1]).
 * The server uses its own block (conventionally 0).
 */
export interface PickupCounter {
  readonly businessDay: string
  readonly block: number
  readonly blockSize: number
  /** The last number handed out today, or null before the first. */
  readonly last: number | null
}

/** A freshly drawn pickup number and the counter to store for the next draw. */
export interface PickupDraw {
  readonly number: number
  readonly counter: PickupCounter
}

/** Starts a counter for a device block; the block size defaults to 100. */
export function pickupCounter(businessDay: string, block: number, blockSize = 100): PickupCounter {
  return { businessDay, block, blockSize, last: null }
}

/**
 * Draws the next pickup number for `businessDay`. A new business day restarts the block ([PCK-2]);
 * an exhausted block is PICKUP_BLOCK_EXHAUSTED, so the device must be given another block.
 */
export function nextPickupNumber(counter: PickupCounter, businessDay: string): Result<PickupDraw> {
  const first = counter.block * counter.blockSize + 1
  const lastAllowed = counter.block * counter.blockSize + counter.blockSize - 1
  const prev = counter.businessDay === businessDay ? counter.last : null
  const number = prev === null ? first : prev + 1
  if (number > lastAllowed) {
    return err('PICKUP_BLOCK_EXHAUSTED', '本设备今日取餐号已用完', { block: counter.block, businessDay })
  }
  return ok({ number, counter: { ...counter, businessDay, last: number } })
}

/**
 * The short human form staff call out: a letter and at least three digits (`A012`, `B105`) ([PCK-3]).
 * The letter can tell channels apart (e.g. `M` for Meituan).
 */
export function formatPickupNumber(number: number, prefix = 'A'): string {
  return `${prefix}${String(number).padStart(3, '0')}`
}
