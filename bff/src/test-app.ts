import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pino } from 'pino'
import { createApp } from './app'
import { parseStores } from './config/stores'
import type { Database } from './db/database'
import { openDatabase } from './db/open'
import { type Services, createServices } from './services'

/** The demo stores file, parsed; tests use its two shops. */
export const demoStores = () =>
  parseStores(JSON.parse(readFileSync(path.join(import.meta.dirname, '../config/stores.demo.json'), 'utf8')))

/** A whole app on an in-memory PGlite, for `app.request()` tests. */
export async function testApp(opts: { db?: Database; now?: () => number } = {}) {
  const db = opts.db ?? (await openDatabase({ durable: false }))
  const services: Services = await createServices(
    db,
    demoStores(),
    pino({ level: 'silent' }),
    opts.now ? { now: opts.now } : {},
  )
  const app = createApp(services, {
    clientDist: path.join(import.meta.dirname, '../../client/dist/h5'),
    version: 'test',
  })
  const json = async (method: string, url: string, body?: unknown, token?: string) => {
    const res = await app.request(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
    return { status: res.status, body: (await res.json()) as any }
  }
  return {
    app,
    services,
    db,
    json,
    async staffToken(storeId = 'tea-01', pin = '1111') {
      return (await json('POST', '/api/auth/staff', { storeId, pin })).body.token as string
    },
    async consumerToken(code = 'wx-code-demo-1') {
      return (await json('POST', '/api/auth/consumer', { code })).body.token as string
    },
    async close() {
      await services.close()
      await db.close()
    },
  }
}
