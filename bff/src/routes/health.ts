import { Hono } from 'hono'
import type { Database } from '../db/database'

/** `GET /healthz`: is the BFF up and its database answering. */
export function healthRoutes(db: Database, version: string) {
  return new Hono().get('/healthz', async (c) => {
    try {
      await db.query('select 1')
      return c.json({ ok: true, db: db.kind, version })
    } catch {
      return c.json(
        { ok: false, db: db.kind, version, error: { code: 'UNAVAILABLE', message: 'database not answering' } },
        503,
      )
    }
  })
}
