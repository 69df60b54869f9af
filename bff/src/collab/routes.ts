import { upgradeWebSocket } from '@hono/node-server'
import { COLLAB_CLOSE, boardDocName } from '@xiaodian/shared'
import { Hono } from 'hono'
import type { WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import type { AuthEnv } from '../auth/middleware'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import { soldOutChange, soldOutOf } from './board'
import { cartRoutes } from './cart-routes'
import type { CollabConn, CollabRoom } from './room'
import { collabFor } from './service'

/** Messages larger than this close the connection (5,000 offline edits are about 50 KB). */
export const MAX_MESSAGE_BYTES = 8 << 20
/** A connection whose unsent data grows past this is too slow to keep up; it is closed and reconnects. */
const MAX_BUFFERED_BYTES = 16 << 20
const PING_EVERY_MS = 30_000
const LONG_POLL_MS = 25_000
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/

/**
 * Collaboration: the Yjs endpoint `GET /collab/:docName` (y-websocket protocol), the group-cart API and
 * the store's live sold-out marks. Mounted at `/` after the auth middleware.
 */
export function collabRoutes(s: Services) {
  const collab = collabFor(s)
  return new Hono<AuthEnv>()
    .get(
      '/collab/:docName',
      async function requireUpgrade(c, next) {
        if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
          throw new AppError('UPGRADE_REQUIRED', 'this is a WebSocket endpoint', undefined, 426)
        await next()
      },
      upgradeWebSocket(async (c) => {
        const docName = c.req.param('docName') ?? ''
        const token =
          c.req.query('token') ?? c.req.query('access_token') ?? protocolToken(c.req.header('sec-websocket-protocol'))
        const who = token ? await s.tokens.verify(token) : undefined
        const verdict = await collab.admit(docName, who, c.req.query('invite'))
        if (!verdict.ok) return { onOpen: (_e, ws) => ws.close(verdict.code, verdict.reason) }
        let room: CollabRoom
        try {
          room = await collab.hub.room(docName)
        } catch (err) {
          s.log.error({ err, doc: docName }, 'collab room load failed')
          return { onOpen: (_e, ws) => ws.close(COLLAB_CLOSE.TRY_AGAIN, 'storage unavailable; reconnect') }
        }
        let conn: CollabConn | undefined
        return {
          onOpen(_e, ws) {
            conn = socketConn(ws, verdict.principal)
            room.join(conn)
          },
          onMessage(ev, ws) {
            if (!conn) return
            if (!(ev.data instanceof ArrayBuffer)) {
              ws.close(COLLAB_CLOSE.FORBIDDEN, 'binary y-websocket messages only')
              return
            }
            if (ev.data.byteLength > MAX_MESSAGE_BYTES) {
              ws.close(COLLAB_CLOSE.TOO_LARGE, `messages are limited to ${MAX_MESSAGE_BYTES} bytes`)
              return
            }
            room.receive(conn, new Uint8Array(ev.data))
          },
          onClose() {
            if (conn) room.leave(conn)
          },
        }
      }),
    )
    .route('/api/stores', cartRoutes(s, collab))
    .get('/api/stores/:storeId/sold-out', async (c) => {
      const storeId = c.req.param('storeId')
      if (!s.stores.byId(storeId)) throw new AppError('NOT_FOUND', `no store ${storeId}`)
      const wait = c.req.query('wait')
      const body = await collab.hub.use(boardDocName(storeId), async (room) => {
        if (wait) await soldOutChange(room, wait, LONG_POLL_MS, c.req.raw.signal)
        return soldOutOf(room).body
      })
      if (!wait && c.req.header('if-none-match') === `"${body.etag}"`) return c.body(null, 304)
      return c.json(body, 200, { etag: `"${body.etag}"`, 'cache-control': 'no-cache' })
    })
}

/** The token offered as a subprotocol (`[COLLAB_SUBPROTOCOL, token]`), when it came that way. */
function protocolToken(header: string | undefined): string | undefined {
  return header
    ?.split(',')
    .map((p) => p.trim())
    .find((p) => JWT.test(p))
}

/** The room's view of a socket: sends binary frames, closes slow readers, pings to find dead peers. */
function socketConn(ws: WSContext, principal: string): CollabConn {
  const raw = ws.raw as WebSocket
  let alive = true
  raw.on('pong', () => {
    alive = true
  })
  const ping = setInterval(() => {
    if (!alive) {
      raw.terminate()
      return
    }
    alive = false
    raw.ping()
  }, PING_EVERY_MS)
  ping.unref()
  raw.once('close', () => clearInterval(ping))
  return {
    principal,
    send(message) {
      if (raw.readyState !== raw.OPEN) return
      if (raw.bufferedAmount > MAX_BUFFERED_BYTES) {
        raw.close(COLLAB_CLOSE.TRY_AGAIN, 'too slow to keep up; reconnect')
        return
      }
      raw.send(message)
    },
    close(code, reason) {
      if (raw.readyState === raw.OPEN || raw.readyState === raw.CONNECTING) raw.close(code, reason)
    },
  }
}
