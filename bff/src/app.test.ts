import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HealthResponse } from '@xiaodian/shared'
import { createApp } from './app'
import { parseStores } from './config/stores'
import type { Database } from './db/database'
import { openDatabase } from './db/open'
import { type Services, createServices } from './services'

const demo = JSON.parse(readFileSync(path.join(import.meta.dirname, '../config/stores.demo.json'), 'utf8'))
let db: Database
let services: Services
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openDatabase({ durable: false })
  services = await createServices(db, parseStores(demo), pino({ level: 'silent' }))
  app = createApp(services, { clientDist: '/nonexistent', version: 't' })
})
afterAll(async () => {
  await services.close()
  await db.close()
})

describe('the root app', () => {
  it('answers /healthz with the database kind, in the shared contract', async () => {
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(HealthResponse.parse(await res.json())).toEqual({ ok: true, db: 'pglite', version: 't' })
  })

  it('answers unknown routes with a JSON 404 and a code', async () => {
    const res = await app.request('/api/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('refuses bodies over 64 KB with 413 before reading them', async () => {
    const res = await app.request('/healthz', { method: 'POST', body: 'x'.repeat(70 * 1024) })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
  })

  it('gives every response a request id', async () => {
    const res = await app.request('/healthz')
    expect(res.headers.get('x-request-id')).toMatch(/.+/)
  })

  it('answers a source over its budget with 429, a code and Retry-After', async () => {
    const burst = await Promise.all(
      Array.from({ length: 1500 }, () =>
        app.request('/api/stores', { headers: { authorization: 'Bearer flood-test' } }),
      ),
    )
    const limited = burst.filter((r) => r.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await limited[0]!.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } })
    // Another source is not affected.
    expect((await app.request('/api/stores')).status).toBe(200)
  })
})
