import { randomUUID } from 'node:crypto'
import { type PlatformRequest, simulatorFor } from '@xiaodian/bff/simulator'
import { describe, expect, it } from 'vitest'
import { BffProcess } from '../support/bff-process'
import { processStorages } from '../support/pg'
import { SseFollower } from '../support/sse-client'

const STORE = 'tea-01'
const TOTAL = Number(process.env.FLOOD_DELIVERIES ?? 5000)
const sim = simulatorFor()

interface Delivery {
  /** What makes two deliveries the same (a duplicate): the platform's own identity of the message. */
  key: string
  kind: 'meituan-order' | 'meituan-cancel' | 'own-order' | 'payment'
  orderId: string
  /** Built at send time, as the platform does on every retry (WeChat Pay signs each attempt afresh). */
  build(consumerToken: string): PlatformRequest
}

function deliveries(): Delivery[] {
  const unique = Math.round(TOTAL / 1.3)
  const nMeituan = Math.round(unique * 0.44)
  const nCancel = Math.round(unique * 0.04)
  const nOwn = Math.round((unique - nMeituan - nCancel) / 2)
  const nPay = unique - nMeituan - nCancel - nOwn
  const list: Delivery[] = []
  const base = 7_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000
  for (let i = 0; i < nMeituan; i++) {
    const mtId = String(base + i)
    const push = sim.meituanOrder(STORE, { orderId: mtId, daySeq: (i % 999) + 1 })
    list.push({ key: `mt-order:${mtId}`, kind: 'meituan-order', orderId: `meituan-${mtId}`, build: () => push })
  }
  for (let i = 0; i < nCancel; i++) {
    const mtId = String(base + i * 7)
    list.push({
      key: `mt-cancel:${mtId}`,
      kind: 'meituan-cancel',
      orderId: `meituan-${mtId}`,
      build: () => sim.meituanCancel(STORE, mtId),
    })
  }
  const own: string[] = []
  for (let i = 0; i < nOwn; i++) {
    const orderId = `flood-${randomUUID()}`
    own.push(orderId)
    const body = JSON.stringify({
      orderId,
      fulfilment: 'pickup',
      lines: [{ id: 'a', selection: { itemId: 'americano', quantity: 1 } }],
    })
    list.push({
      key: `own:${orderId}`,
      kind: 'own-order',
      orderId,
      build: (token) => ({
        path: `/api/stores/${STORE}/orders`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      }),
    })
  }
  for (let i = 0; i < nPay; i++) {
    const orderId = own[i % own.length] as string
    const tx = `42000${base + i}`
    list.push({
      key: `pay:${tx}`,
      kind: 'payment',
      orderId,
      build: () => sim.wechatPaid(STORE, orderId, 1200, { transactionId: tx }),
    })
  }
  const withDuplicates = [...list]
  while (withDuplicates.length < TOTAL) withDuplicates.push(list[Math.floor(Math.random() * list.length)] as Delivery)
  for (let i = withDuplicates.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[withDuplicates[i], withDuplicates[j]] = [withDuplicates[j] as Delivery, withDuplicates[i] as Delivery]
  }
  return withDuplicates
}

async function consumerTokens(bff: BffProcess, n: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await fetch(`${bff.baseUrl}/api/auth/consumer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: `flood-consumer-${i}-${randomUUID()}` }),
      })
      return ((await res.json()) as { token: string }).token
    }),
  )
}

for (const storage of processStorages()) {
  describe(`flood on ${storage.name}`, () => {
    it(`${TOTAL} shuffled deliveries with 30% duplicates, three SIGKILLs: every acknowledged order once, a gap-free log, every event seen once`, async () => {
      const databaseUrl = await storage.databaseUrl()
      const bff = await BffProcess.start(databaseUrl ? { databaseUrl } : {})
      const tokens = await consumerTokens(bff, 16)
      const staff = await bff.staffToken()
      const follower = new SseFollower(
        () => `${bff.baseUrl}/api/stores/${STORE}/stream`,
        async () => staff,
      )
      const queue = deliveries()
      const acked = new Map<string, Delivery>()
      const refused: string[] = []
      let sent = 0
      let down = false
      const killsAt = [0.25, 0.5, 0.75].map((f) => Math.floor(TOTAL * f))
      const killer = async () => {
        down = true
        await bff.kill()
        await new Promise((r) => setTimeout(r, 300))
        await bff.restart()
        down = false
      }
      let killing: Promise<void> | undefined
      const worker = async (w: number) => {
        while (queue.length > 0) {
          const d = queue.shift() as Delivery
          if (killsAt.length > 0 && sent >= (killsAt[0] as number) && !killing) {
            killsAt.shift()
            killing = killer().finally(() => {
              killing = undefined
            })
          }
          let ok = false
          while (!ok) {
            if (down) {
              await new Promise((r) => setTimeout(r, 100))
              continue
            }
            const req = d.build(tokens[w % tokens.length] as string)
            try {
              const res = await fetch(bff.baseUrl + req.path, { method: 'POST', headers: req.headers, body: req.body })
              await res.text()
              if (res.status >= 200 && res.status < 300) ok = true
              else if (res.status === 429 || res.status >= 500) await new Promise((r) => setTimeout(r, 100))
              else {
                refused.push(`${d.key} → ${res.status}`)
                ok = true
              }
            } catch {
              // Connection refused or reset: the BFF is down. Retry, as the platforms do.
              await new Promise((r) => setTimeout(r, 100))
            }
          }
          sent++
          acked.set(d.key, d)
        }
      }
      await Promise.all(Array.from({ length: 24 }, (_, w) => worker(w)))
      await killing
      expect(refused).toEqual([])

      // The log: read it page by page; sequence numbers 1..N without a gap, one event per distinct delivery.
      const log: { seq: number; type: string; orderId: string | null }[] = []
      for (;;) {
        const res = await fetch(`${bff.baseUrl}/api/stores/${STORE}/events?after=${log.length}&limit=1000`, {
          headers: { authorization: `Bearer ${staff}` },
        })
        const page = (await res.json()) as { events: { seq: number; type: string; orderId: string | null }[] }
        if (page.events.length === 0) break
        log.push(...page.events)
      }
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1))
      expect(log.length).toBe(acked.size)

      // Every acknowledged order exists exactly once.
      const placed = new Map<string, number>()
      for (const e of log)
        if (e.type === 'order.placed' && e.orderId) placed.set(e.orderId, (placed.get(e.orderId) ?? 0) + 1)
      const ackedOrders = [...acked.values()].filter((d) => d.kind === 'meituan-order' || d.kind === 'own-order')
      for (const d of ackedOrders) expect(placed.get(d.orderId), d.orderId).toBe(1)
      expect(placed.size).toBe(ackedOrders.length)

      // The follower reconnected with Last-Event-ID after each kill and saw every event exactly once.
      await follower.waitFor(log.length)
      follower.close()
      expect(follower.reconnects).toBeGreaterThanOrEqual(3)
      expect(follower.events.map((e) => e.seq)).toEqual(log.map((e) => e.seq))

      // Spot-check final states: a paid own order, a cancelled Meituan order.
      const pay = [...acked.values()].find((d) => d.kind === 'payment')
      const cancel = [...acked.values()].find(
        (d) => d.kind === 'meituan-cancel' && acked.has(`mt-order:${d.orderId.slice(8)}`),
      )
      for (const [d, field, value] of [
        [pay, 'payment', 'paid'],
        [cancel, 'fulfilment', 'cancelled'],
      ] as const) {
        if (!d) continue
        const res = await fetch(`${bff.baseUrl}/api/stores/${STORE}/orders/${d.orderId}`, {
          headers: { authorization: `Bearer ${staff}` },
        })
        expect(((await res.json()) as { order: Record<string, unknown> }).order[field]).toBe(value)
      }
      expect(await bff.stop()).toBe(0)
    }, 300_000)
  })
}
