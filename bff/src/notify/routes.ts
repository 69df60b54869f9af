import { Hono } from 'hono'
import { type AuthEnv, requireStoreStaff } from '../auth/middleware'
import type { Services } from '../services'

/** The owner's list of subscribe messages: `GET /api/stores/:storeId/notifications`, newest first. */
export function notificationRoutes(s: Services) {
  return new Hono<AuthEnv>().get('/:storeId/notifications', requireStoreStaff(['owner']), async (c) => {
    const rows = await s.db.query<{
      id: string
      kind: string
      status: string
      message: unknown
      created_ms: string
      sent_ms: string | null
      result: unknown
    }>(
      `select id, kind, status, message, created_ms, sent_ms, result from notifications
       where store_id = $1 order by created_ms desc, id limit 200`,
      [c.req.param('storeId')],
    )
    return c.json({
      notifications: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        message: r.message,
        createdAt: Number(r.created_ms),
        sentAt: r.sent_ms === null ? null : Number(r.sent_ms),
        result: r.result ?? null,
      })),
    })
  })
}
