import { type PickupCounter, type Result, err, nextPickupNumber, ok, pickupCounter } from '@xiaodian/domain'
import type { KeyValueStorage } from '@/platform/storage'

/** This device's block of pickup numbers, as the BFF assigned it (`POST /api/stores/:id/devices`). */
export interface PickupBlock {
  readonly block: number
  readonly blockSize: number
}

interface Saved extends PickupBlock {
  readonly counter: PickupCounter | null
}

/**
 * The device's pickup numbers, kept in the platform's synchronous storage: the block the BFF gave it once
 * (kept for good, so numbers never collide with another tablet's even offline) and the last number drawn
 * per business day. A draw is written before the number is handed out, so a reload never repeats one.
 */
export interface PickupBook {
  block(): PickupBlock | null
  setBlock(block: PickupBlock): void
  /** The next number for `businessDay`, or PICKUP_BLOCK_EXHAUSTED, or NO_BLOCK before the BFF was reached. */
  draw(businessDay: string): Result<number>
}

/** The storage key of a store's and device's book. */
export const pickupKey = (storeId: string, deviceId: string) => `xd.pickup.${storeId}.${deviceId}`

export function createPickupBook(kv: KeyValueStorage, key: string): PickupBook {
  const read = (): Saved | null => {
    const raw = kv.getItem(key)
    if (raw === null) return null
    try {
      const saved = JSON.parse(raw) as Saved
      return Number.isInteger(saved.block) && Number.isInteger(saved.blockSize) ? saved : null
    } catch {
      return null
    }
  }
  return {
    block() {
      const saved = read()
      return saved === null ? null : { block: saved.block, blockSize: saved.blockSize }
    },
    setBlock({ block, blockSize }) {
      const saved = read()
      // The same block again (a re-registration) keeps today's counter; a new block starts over.
      const counter = saved !== null && saved.block === block && saved.blockSize === blockSize ? saved.counter : null
      kv.setItem(key, JSON.stringify({ block, blockSize, counter } satisfies Saved))
    },
    draw(businessDay) {
      const saved = read()
      if (saved === null) {
        return err('PICKUP_BLOCK_EXHAUSTED', '本设备还没有取餐号段: 请联网一次', { reason: 'NO_BLOCK' })
      }
      const counter = saved.counter ?? pickupCounter(businessDay, saved.block, saved.blockSize)
      const drawn = nextPickupNumber(counter, businessDay)
      if (!drawn.ok) return drawn
      kv.setItem(key, JSON.stringify({ ...saved, counter: drawn.value.counter } satisfies Saved))
      return ok(drawn.value.number)
    },
  }
}
