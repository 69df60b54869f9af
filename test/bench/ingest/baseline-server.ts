/**
 * Baselines for the ingest benchmark, each in its own process like the BFF:
 * - `naive`: a bare Hono endpoint that verifies an HMAC over the raw body and inserts one row per request
 *   in its own transaction (PGlite, or PostgreSQL with DATABASE_URL) — what the BFF must beat by group commit;
 * - `nostore`: the BFF's real Meituan push endpoint (parse, verify the signature, map) with no storage at all.
 * Usage: node --import tsx baseline-server.ts <naive|nostore> <port> [dataDir]
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { serve } from '@hono/node-server'
import { PGlite } from '@electric-sql/pglite'
import type { ChannelDeps } from '@xiaodian/bff/channels'
import { meituanRoutes } from '@xiaodian/bff/channels'
import { storeDirectory } from '@xiaodian/bff/simulator'
import { Hono } from 'hono'
import pg from 'pg'

import { HMAC_KEY } from './hmac'
const [mode, portArg, dataDir] = process.argv.slice(2)

async function main() {
  const app = new Hono()
  if (mode === 'naive') {
    type Query = (sql: string, params?: unknown[]) => Promise<{ rows: { id?: unknown }[] }>
    let query: Query
    if (process.env.DATABASE_URL) {
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
      query = (sql, params) => pool.query(sql, params)
    } else {
      const lite = await PGlite.create(dataDir ?? 'memory://')
      query = (sql, params) => lite.query(sql, params)
    }
    await query(
      'create table if not exists bench_orders (id bigserial primary key, channel text, external_id text, received_at timestamptz default now(), payload jsonb, unique (channel, external_id))',
    )
    app.post('/ingest', async (c) => {
      const raw = Buffer.from(await c.req.arrayBuffer())
      const sig = Buffer.from((c.req.header('x-webhook-signature') ?? '').replace(/^sha256=/, ''), 'hex')
      const mac = createHmac('sha256', HMAC_KEY).update(raw).digest()
      if (sig.length !== mac.length || !timingSafeEqual(sig, mac)) return c.json({ error: 'signature' }, 401)
      const params = Object.fromEntries(new URLSearchParams(raw.toString()))
      const rows = await query(
        'insert into bench_orders (channel, external_id, payload) values ($1, $2, $3) on conflict (channel, external_id) do nothing returning id',
        ['meituan', params.order_id, JSON.stringify(params)],
      )
      return c.json({ ok: true, id: rows.rows[0]?.id ?? null })
    })
  } else {
    const store = storeDirectory().byId('tea-01')!
    const deps: ChannelDeps = {
      stores: {
        byMeituanAppPoiCode: () => ({ storeId: store.id, ...store.meituan! }),
        byMeituanAppId: () => ({ storeId: store.id, ...store.meituan! }),
        meituanMenu: () => new Map(),
        byWechatpaySerial: () => undefined,
      },
      ingest: async () => ({ duplicate: false }),
      now: Date.now,
      log: { info() {}, warn() {}, error() {} },
    }
    app.route('/channels/meituan', meituanRoutes(deps))
  }
  serve({ fetch: app.fetch, port: Number(portArg), hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`listening ${info.port}\n`)
  })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
