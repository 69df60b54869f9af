import type { Database } from '../db/database'
import { PlatformSimulator } from '../simulator/platform'
import { demoStores, testApp } from '../test-app'
import { ShopJobs } from './jobs'

/** 09:00 on Monday 2026-11-23 in Shanghai. */
export const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0)

/** Shanghai wall time on 2026-11-23 (or `day` days later) as epoch ms. */
export function at(hour: number, minute = 0, day = 0): number {
  return Date.UTC(2026, 10, 23 + day, hour - 8, minute)
}

/**
 * A test app on a clock the test moves, with the background rounds run by hand (`tick`) and a WeChat Pay
 * simulator that pays and refunds through the real, signed notify route.
 */
export async function flowApp(opts: { db?: Database; start?: number } = {}) {
  let now = opts.start ?? MONDAY_9AM
  const t = await testApp({ ...(opts.db ? { db: opts.db } : {}), now: () => now })
  const jobs = new ShopJobs(t.services)
  const sim = new PlatformSimulator(demoStores())
  const consumers = new Map<string, string>()
  return {
    ...t,
    jobs,
    sim,
    now: () => now,
    advance(ms: number) {
      now += ms
    },
    setNow(ms: number) {
      now = ms
    },
    tick: () => jobs.tick(),
    /** A consumer's token (cached per code). */
    async consumer(code: string) {
      let token = consumers.get(code)
      if (!token) {
        token = await t.consumerToken(code)
        consumers.set(code, token)
      }
      return token
    },
    /** WeChat Pay's TRANSACTION.SUCCESS for our order, through the notify route; then one round. */
    async pay(storeId: string, orderId: string, fen: number, transactionId?: string) {
      const req = sim.wechatPaid(storeId, orderId, fen, { nowMs: now, ...(transactionId ? { transactionId } : {}) })
      const res = await t.app.request(req.path, { method: 'POST', headers: req.headers, body: req.body })
      if (res.status !== 200) throw new Error(`notify answered ${res.status}: ${await res.text()}`)
      await jobs.tick()
    },
    async order(storeId: string, orderId: string) {
      const rows = await t.db.query<{ doc: import('@xiaodian/domain').Order }>(
        'select doc from orders where store_id = $1 and id = $2',
        [storeId, orderId],
      )
      return rows[0]?.doc
    },
    async close() {
      await jobs.stop()
      await t.close()
    },
  }
}
