import { type Order, createOrder, mergeOrders, ordersEqual } from '@xiaodian/domain'
import type { OrderDocument, PushRow, ReplicationCheckpoint } from '@xiaodian/shared'
import type { HttpClient, HttpRequest, HttpResponse } from '@/platform/http'
import type { NetworkEvents } from '@/platform/network'
import type { OpenStream, StreamOptions } from '@/platform/stream'
import { toOrder } from './order-document'

/**
 * An in-memory BFF for the offline core's tests: the replication contract of `shared/src/replication.ts`
 * (pull by `(updatedAt, id)`, push joining with `mergeOrders` and answering differing masters, a pull
 * stream), staff devices and the menu. `online = false` makes every request fail like a dropped network.
 */
export class FakeBff {
  online = true
  readonly orders = new Map<string, { order: Order; seq: number }>()
  readonly pushes: PushRow[][] = []
  menuBody: unknown = null
  #seq = 0
  #streams = new Set<StreamOptions>()
  #blocks = new Map<string, number>()

  /** An order arriving from another channel (a Meituan push through ingest). */
  ingest(order: Order): void {
    const have = this.orders.get(order.id)
    const merged = have ? mergeOrders(have.order, order) : order
    this.#store(merged)
  }

  #store(order: Order): void {
    const seq = ++this.#seq
    this.orders.set(order.id, { order, seq })
    const doc: OrderDocument = { ...order, _deleted: false }
    const message = JSON.stringify({ documents: [doc], checkpoint: { updatedAt: seq, id: order.id } })
    for (const s of this.#streams) s.onEvent({ id: undefined, data: message })
  }

  readonly http: HttpClient = {
    request: async (req: HttpRequest): Promise<HttpResponse> => {
      await Promise.resolve()
      if (!this.online) throw new TypeError('Failed to fetch')
      const url = new URL(req.path, 'http://bff.test')
      if (url.pathname.endsWith('/replication/orders/pull')) {
        const cp = JSON.parse(url.searchParams.get('checkpoint') ?? '{"updatedAt":0,"id":""}') as ReplicationCheckpoint
        const limit = Number(url.searchParams.get('limit') ?? 100)
        const page = [...this.orders.values()]
          .filter((o) => o.seq > cp.updatedAt || (o.seq === cp.updatedAt && o.order.id > cp.id))
          .sort((a, b) => a.seq - b.seq || (a.order.id < b.order.id ? -1 : 1))
          .slice(0, limit)
        const last = page.at(-1)
        return {
          status: 200,
          data: {
            documents: page.map((o) => ({ ...o.order, _deleted: false })),
            checkpoint: last ? { updatedAt: last.seq, id: last.order.id } : cp,
          },
        }
      }
      if (url.pathname.endsWith('/replication/orders/push')) {
        const rows = req.body as PushRow[]
        this.pushes.push(rows)
        const conflicts: OrderDocument[] = []
        for (const row of rows) {
          const pushed = toOrder(row.newDocumentState)
          const have = this.orders.get(pushed.id)
          const merged = have ? mergeOrders(have.order, pushed) : pushed
          if (!have || !ordersEqual(merged, have.order)) this.#store(merged)
          if (!ordersEqual(merged, pushed)) conflicts.push({ ...merged, _deleted: false })
        }
        return { status: 200, data: conflicts }
      }
      if (url.pathname.endsWith('/devices')) {
        const { deviceId } = req.body as { deviceId: string }
        const block = this.#blocks.get(deviceId) ?? 10 + this.#blocks.size
        this.#blocks.set(deviceId, block)
        return { status: 200, data: { deviceId, block, blockSize: 100 } }
      }
      if (url.pathname.endsWith('/menu') && this.menuBody !== null) return { status: 200, data: this.menuBody }
      return { status: 404, data: { error: { code: 'NOT_FOUND', message: req.path } } }
    },
  }

  readonly openStream: OpenStream = (options) => {
    let closed = false
    setTimeout(() => {
      if (closed) return
      if (!this.online) {
        options.onStatus?.('closed')
        return
      }
      this.#streams.add(options)
      options.onStatus?.('open')
      options.onEvent({ id: undefined, data: '"RESYNC"' })
    }, 0)
    return {
      close: () => {
        closed = true
        this.#streams.delete(options)
        options.onStatus?.('closed')
      },
    }
  }

  /** Drops every open stream, as a network outage does. */
  dropStreams(): void {
    for (const s of [...this.#streams]) {
      this.#streams.delete(s)
      s.onStatus?.('closed')
    }
  }
}

/** A network adapter the test switches by hand. */
export class FakeNetwork implements NetworkEvents {
  #online: boolean
  #listeners = new Set<(online: boolean) => void>()
  constructor(online = true) {
    this.#online = online
  }
  set(online: boolean): void {
    this.#online = online
    for (const l of this.#listeners) l(online)
  }
  onOnlineChange(listener: (online: boolean) => void): () => void {
    this.#listeners.add(listener)
    queueMicrotask(() => listener(this.#online))
    return () => this.#listeners.delete(listener)
  }
  onFocusChange(): () => void {
    return () => {}
  }
}

/** A Meituan order as the BFF's ingest makes it. */
export function meituanOrder(storeId: string, externalId: string, at: number, businessDay: string): Order {
  return createOrder({
    id: `meituan-${externalId}`,
    storeId,
    channel: 'meituan',
    externalId,
    businessDay,
    fulfilmentType: 'delivery',
    pickupNumber: 7,
    customer: { name: '王先生', phoneMasked: '138****1234' },
    lines: [
      {
        id: 'l1',
        itemId: 'pearl-milk-tea',
        itemName: '珍珠奶茶',
        categoryId: 'milk-tea',
        skuId: 'pearl-milk-tea-l',
        skuName: '大杯',
        options: [],
        unitPriceFen: 1500,
        quantity: 1,
        subtotalFen: 1500,
        discounts: [],
        totalFen: 1500,
      },
    ],
    feesFen: 300,
    at,
    by: 'meituan',
  })
}

/** A plain Map as the platform's synchronous key-value storage. */
export function memoryKv() {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  }
}

/** Resolves when `check` passes, polling; fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}
