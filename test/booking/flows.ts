import path from 'node:path'
import { type PlatformRequest, simulatorFor } from '@xiaodian/bff/simulator'
import type { Database } from '../../bff/src/db/database'
import { openDatabase } from '../../bff/src/db/open'
import type { BffProcess } from '../support/bff-process'

/** The demo WeChat Pay simulator: signs real TRANSACTION.SUCCESS notifications for the demo stores. */
export const sim = simulatorFor()

/** Store-local (Asia/Shanghai) wall time `hh:mm` on the day `daysAhead` after today, as epoch ms. */
export function shanghai(daysAhead: number, hour: number, minute = 0): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now())
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d + daysAhead, hour - 8, minute)
}

/** The local day key of `shanghai(daysAhead, …)`. */
export function dayKey(daysAhead: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(shanghai(daysAhead, 12))
}

/** A small JSON client of one BFF process. */
export function client(bff: () => BffProcess) {
  const call = async (method: string, url: string, body?: unknown, token?: string) => {
    const res = await fetch(bff().baseUrl + url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    // biome-ignore lint/suspicious/noExplicitAny: the suites read bodies loosely and assert on them
    return { status: res.status, body: (await res.json().catch(() => null)) as any }
  }
  return {
    call,
    async consumer(code: string): Promise<string> {
      const r = await call('POST', '/api/auth/consumer', { code, nickname: code.slice(0, 16) })
      if (r.status !== 200) throw new Error(`consumer login ${r.status}`)
      return r.body.token
    },
    /** Sends a platform request (a signed notification) and returns the status. */
    async send(req: PlatformRequest): Promise<number> {
      const res = await fetch(bff().baseUrl + req.path, { method: 'POST', headers: req.headers, body: req.body })
      await res.text()
      return res.status
    },
    /** WeChat Pay's payment notification for one of our orders; retried while the BFF is down. */
    async pay(storeId: string, orderId: string, fen: number): Promise<void> {
      // One transaction per order, the same on every retry (a retried notification is the same payment).
      const transactionId = `4200${BigInt(`0x${orderId}`).toString().padStart(39, '0')}`
      for (let i = 0; i < 100; i++) {
        const status = await this.send(sim.wechatPaid(storeId, orderId, fen, { transactionId })).catch(() => 0)
        if (status === 200) return
        await new Promise((r) => setTimeout(r, 200))
      }
      throw new Error(`payment of ${orderId} never acknowledged`)
    },
  }
}

/** Waits until `check` holds (polling), or fails with what it last saw. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const v = await check()
      if (v) return v
      last = v
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${String(last)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * The database a stopped BFF left behind (its PGlite directory, or the PostgreSQL schema it shared), for
 * checking what was written. PGlite is one process's: open it only after the BFF has stopped.
 */
export function openStorage(bff: BffProcess, databaseUrl: string | undefined): Promise<Database> {
  return databaseUrl
    ? openDatabase({ databaseUrl })
    : openDatabase({ dataDir: path.resolve(bff.dataDir), durable: false })
}

/** A random delay in `[min, max)` ms. */
export function jitter(min: number, max: number): Promise<void> {
  return new Promise((r) => setTimeout(r, min + Math.random() * (max - min)))
}
