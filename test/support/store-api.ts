import { type Order, ordersEqual } from '@xiaodian/domain'
import { type OrderDocument, PullResponse } from '@xiaodian/shared'

/** Reads from a running BFF with a staff token, for assertions in cross-process suites. */

/** Every order of a store, pulled page by page through the replication endpoint. */
export async function serverOrders(baseUrl: string, token: string, storeId: string): Promise<Map<string, Order>> {
  const out = new Map<string, Order>()
  let checkpoint = { updatedAt: 0, id: '' }
  for (;;) {
    const q = `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&limit=1000`
    const res = await fetch(`${baseUrl}/api/stores/${storeId}/replication/orders/pull?${q}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    if (!res.ok) throw new Error(`pull ${res.status}: ${await res.text()}`)
    const page = PullResponse.parse(await res.json())
    for (const d of page.documents) {
      if (out.has(d.id)) throw new Error(`order ${d.id} pulled twice`)
      out.set(d.id, withoutDeleted(d))
    }
    if (page.documents.length < 1000) return out
    checkpoint = page.checkpoint
  }
}

/** One event of a store's log, as `GET /api/stores/:id/events` gives it. */
export interface LogEvent {
  seq: number
  type: string
  orderId: string | null
  detail: Record<string, unknown>
}

/** A store's whole log. */
export async function storeLog(baseUrl: string, token: string, storeId: string): Promise<LogEvent[]> {
  const log: LogEvent[] = []
  for (;;) {
    const res = await fetch(`${baseUrl}/api/stores/${storeId}/events?after=${log.at(-1)?.seq ?? 0}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    })
    if (!res.ok) throw new Error(`events ${res.status}: ${await res.text()}`)
    const page = (await res.json()) as { events: LogEvent[] }
    if (page.events.length === 0) return log
    log.push(...page.events)
  }
}

function withoutDeleted(d: OrderDocument): Order {
  const { _deleted, ...order } = d
  return order
}

/** Polls `check` until it returns true; on timeout throws with what `describe` says about the state. */
export async function eventually(
  check: () => Promise<boolean>,
  describe: string | (() => Promise<string> | string),
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms: ${typeof describe === 'string' ? describe : await describe()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Ids whose orders differ between two replicas (an order missing on either side counts). */
export function differing(a: ReadonlyMap<string, Order>, b: ReadonlyMap<string, Order>): string[] {
  const out: string[] = []
  for (const [id, o] of a) {
    const other = b.get(id)
    if (!other || !ordersEqual(o, other)) out.push(id)
  }
  for (const id of b.keys()) if (!a.has(id)) out.push(id)
  return out
}
