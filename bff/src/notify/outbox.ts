import { randomUUID } from 'node:crypto'
import type { SubscribeMessage } from '@xiaodian/shared'
import type { Sql } from '../db/database'
import type { Services } from '../services'
import type { NotificationKind } from './templates'

/** WeChat's answer to `subscribeMessage.send`. */
export interface SendResult {
  errcode: number
  errmsg: string
  msgid?: number
}

/** Sends one subscribe message. The real one POSTs to api.weixin.qq.com with an access token. */
export type NotificationSender = (message: SubscribeMessage) => Promise<SendResult>

/**
 * The demo's sender: there is no WeChat to send to, so it answers what WeChat answers on success and the
 * message is marked sent (the owner page lists it).
 */
export const demoSender: NotificationSender = async () => ({
  errcode: 0,
  errmsg: 'ok',
  msgid: Number.parseInt(randomUUID().replaceAll('-', '').slice(0, 12), 16),
})

/** WeChat error codes that retrying cannot fix (bad openid, template, data or page; the user refused). */
const FINAL_ERRCODES = new Set([40003, 40037, 43101, 47003, 41030])

/** Queues a message in the caller's transaction, once per `dedupeKey`. */
export async function enqueueNotification(
  tx: Sql,
  storeId: string,
  kind: NotificationKind,
  dedupeKey: string,
  message: SubscribeMessage,
  now: number,
): Promise<void> {
  await tx.query(
    `insert into notifications (store_id, id, kind, dedupe_key, message, status, next_attempt_ms, created_ms)
     values ($1, $2, $3, $4, $5, 'queued', $6, $6) on conflict (store_id, dedupe_key) do nothing`,
    [storeId, randomUUID(), kind, dedupeKey, JSON.stringify(message), now],
  )
}

/**
 * Sends the queued messages that are due: claims them with a lease (SKIP LOCKED, so processes share the
 * work), sends, and records WeChat's answer. A failure that retrying can fix backs off and is retried.
 */
export async function sendDueNotifications(
  s: Pick<Services, 'db' | 'now'>,
  send: NotificationSender = demoSender,
  limit = 200,
): Promise<number> {
  const now = s.now()
  const rows = await s.db.query<{ store_id: string; id: string; message: SubscribeMessage; attempts: number }>(
    `update notifications n set next_attempt_ms = $1, attempts = n.attempts + 1
     from (select store_id, id from notifications where status = 'queued' and next_attempt_ms <= $2
           order by next_attempt_ms limit $3 for update skip locked) d
     where n.store_id = d.store_id and n.id = d.id
     returning n.store_id, n.id, n.message, n.attempts`,
    [now + 30_000, now, limit],
  )
  let sent = 0
  for (const r of rows) {
    let result: SendResult
    try {
      result = await send(r.message)
    } catch (err) {
      result = { errcode: -1, errmsg: String((err as Error)?.message ?? err) }
    }
    const ok = result.errcode === 0
    const final = ok || FINAL_ERRCODES.has(result.errcode) || Number(r.attempts) >= 10
    await s.db.query(
      `update notifications set status = $3, result = $4, sent_ms = $5, next_attempt_ms = $6
       where store_id = $1 and id = $2`,
      [
        r.store_id,
        r.id,
        ok ? 'sent' : final ? 'failed' : 'queued',
        JSON.stringify(result),
        ok ? now : null,
        now + Math.min(600_000, 1_000 * 2 ** Number(r.attempts)),
      ],
    )
    if (ok) sent++
  }
  return sent
}
