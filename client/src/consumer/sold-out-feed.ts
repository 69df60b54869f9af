import { SoldOutResponse } from '@xiaodian/shared'
import type { HttpClient } from '@/platform/http'

export type SoldOutMarksView = ReturnType<typeof SoldOutResponse.parse>

/**
 * Follows a store's live sold-out marks (`GET /api/stores/:storeId/sold-out`, set by staff on the shared
 * board) by long polling: each request carries the last `etag` as `wait` and the BFF answers when the
 * marks change or after about 25 s. A failure waits `retryMs` and tries again; the menu's own refresh
 * stays the fallback. Returns the function that stops it.
 */
export function followSoldOut(
  http: HttpClient,
  storeId: string,
  onMarks: (marks: SoldOutMarksView) => void,
  opts: { retryMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): () => void {
  const retryMs = opts.retryMs ?? 5_000
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const stop = new AbortController()
  let etag: string | undefined
  const loop = async () => {
    while (!stop.signal.aborted) {
      try {
        const wait = etag === undefined ? '' : `?wait=${encodeURIComponent(etag)}`
        const res = await http.request({
          path: `/api/stores/${encodeURIComponent(storeId)}/sold-out${wait}`,
          signal: stop.signal,
        })
        const parsed = SoldOutResponse.safeParse(res.data)
        if (!parsed.success) throw new Error(`sold-out feed answered ${res.status}`)
        if (parsed.data.etag !== etag) {
          etag = parsed.data.etag
          onMarks(parsed.data)
        }
      } catch {
        if (stop.signal.aborted) return
        await sleep(retryMs)
      }
    }
  }
  void loop()
  return () => stop.abort()
}
