import type { HttpClient } from '@/platform/http'
import type { KeyValueStorage } from '@/platform/storage'
import { newDeviceId } from './order-id'
import type { PickupBlock, PickupBook } from './pickup-book'

/** Storage key of this tablet's id. */
export const DEVICE_ID_KEY = 'xd.device.id'

/** This tablet's id: made once and kept, so its pickup block and its log entries stay its own. */
export function deviceIdOf(kv: KeyValueStorage): string {
  const known = kv.getItem(DEVICE_ID_KEY)
  if (known !== null && /^[0-9a-zA-Z-]{6,64}$/.test(known)) return known
  const id = newDeviceId()
  kv.setItem(DEVICE_ID_KEY, id)
  return id
}

/**
 * Makes sure this tablet has its pickup-number block: asks the BFF once (`POST …/devices`) when it has
 * none, and keeps it. Offline with a block already kept is fine; offline without one answers null.
 */
export async function ensurePickupBlock(
  http: HttpClient,
  token: string,
  storeId: string,
  deviceId: string,
  book: PickupBook,
): Promise<PickupBlock | null> {
  const known = book.block()
  if (known !== null) return known
  try {
    const res = await http.request({
      method: 'POST',
      path: `/api/stores/${encodeURIComponent(storeId)}/devices`,
      headers: { authorization: `Bearer ${token}` },
      body: { deviceId },
    })
    const body = res.data as { block?: unknown; blockSize?: unknown } | undefined
    if (res.status !== 200 || typeof body?.block !== 'number' || typeof body.blockSize !== 'number') return null
    const block = { block: body.block, blockSize: body.blockSize }
    book.setBlock(block)
    return block
  } catch {
    return null
  }
}
