import type { Order } from '@xiaodian/domain'
import {
  DEVICE_ID_HEADER,
  PullResponse,
  PushResponse,
  REPLICATION_PULL_BATCH_SIZE,
  REPLICATION_PUSH_BATCH_SIZE,
  REPLICATION_PUSH_MAX_BODY_BYTES,
  type ReplicationCheckpoint,
} from '@xiaodian/shared'
import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb'
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication'
import { Subject } from 'rxjs'
import type { HttpClient, HttpResponse } from '@/platform/http'
import type { OpenStream, StreamHandle } from '@/platform/stream'
import type { OrderCollection } from './database'
import { toOrder } from './order-document'

/** The tablet's replication of its store's orders with the BFF. */
export type OrderReplication = RxReplicationState<Order, ReplicationCheckpoint>

/** A replication request the BFF refused or could not answer. */
export class ReplicationHttpError extends Error {
  override readonly name = 'ReplicationHttpError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export interface OrderReplicationOptions {
  readonly collection: OrderCollection
  readonly storeId: string
  /** The BFF's origin (`http://192.168.1.5:8787`), part of the replication identifier. */
  readonly origin: string
  readonly deviceId: string
  /** The platform http client, with the BFF base URL. */
  readonly http: HttpClient
  /** The platform stream opener and the base URL it connects to. */
  readonly openStream: OpenStream
  readonly baseUrl: string
  /** The staff token, read on every request so a new sign-in takes effect at once. */
  readonly token: () => string | null
  /** Called when the BFF says the token is no longer good (401): work goes on, sync waits for a sign-in. */
  readonly onUnauthorized?: () => void
  /** Called after every request the BFF answered (pull, push, stream message): the "last sync" clock. */
  readonly onContact?: () => void
  /** Whether reopening a dropped pull stream is worth trying now (not while the device is offline). */
  readonly online?: () => boolean
  /** Called when the pull stream opens or drops: whether changes arrive live. */
  readonly onLive?: (live: boolean) => void
  /** Milliseconds between retries after a failure; RxDB skips the wait when the browser comes online. */
  readonly retryTimeMs?: number
  /** Wait for this tab to lead before replicating (several tabs on one database); default true. */
  readonly waitForLeadership?: boolean
}

/**
 * The replication identifier: stable per store and BFF origin, never random. A new identifier makes RxDB
 * forget which master states it has seen, and every document then comes back as a conflict (see
 * research/offline.md §1.3). It does not follow the collection's schema version: a schema migration
 * carries the replication's checkpoint and master states along with the documents. `v0` is the name
 * tablets already hold their replication state under; change it only to make every tablet start over.
 */
export function replicationIdentifier(storeId: string, origin: string): string {
  return `xd-orders-v0|${origin}|${storeId}`
}

/** Byte length of a string as UTF-8, without TextEncoder (the mini-program lacks it). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/**
 * Groups rows into push bodies whose JSON is at most `maxBytes` each (a row bigger than that goes alone).
 * The BFF refuses bodies over 64 KB, and each body is one transaction there.
 */
export function packBodies<T>(rows: readonly T[], maxBytes: number): T[][] {
  const bodies: T[][] = []
  let body: T[] = []
  let size = 2
  for (const row of rows) {
    const bytes = utf8Length(JSON.stringify(row)) + 1
    if (body.length > 0 && size + bytes > maxBytes) {
      bodies.push(body)
      body = []
      size = 2
    }
    body.push(row)
    size += bytes
  }
  if (body.length > 0) bodies.push(body)
  return bodies
}

/** A push row without RxDB's extra fields: the BFF's schema drops them anyway; this keeps bodies small. */
function wireRow(row: RxReplicationWriteToMasterRow<Order>) {
  const doc = (d: WithDeleted<Order>) => ({ ...toOrder(d), _deleted: d._deleted })
  return row.assumedMasterState === undefined
    ? { newDocumentState: doc(row.newDocumentState) }
    : { assumedMasterState: doc(row.assumedMasterState), newDocumentState: doc(row.newDocumentState) }
}

/**
 * Starts the live replication of the store's orders (RxDB 17 replication protocol against the BFF):
 * pull by `(updatedAt, id)` checkpoint, push answered with the master states of conflicting documents,
 * and the server-sent pull stream, which says `RESYNC` on every (re)connection. Failures never throw:
 * RxDB retries, and the tablet keeps working on its local database meanwhile.
 */
export function startOrderReplication(options: OrderReplicationOptions): {
  replication: OrderReplication
  /** Reopens the pull stream and re-pulls now (after coming back online or signing in again). */
  reconnect(): void
  /** Whether the pull stream is open. */
  streamOpen(): boolean
  stop(): Promise<void>
} {
  const { storeId, http } = options
  const base = `/api/stores/${encodeURIComponent(storeId)}/replication/orders`

  const headers = (): Record<string, string> => {
    const token = options.token()
    return {
      [DEVICE_ID_HEADER]: options.deviceId,
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    }
  }

  const answered = (res: HttpResponse, what: string): unknown => {
    if (res.status === 401) options.onUnauthorized?.()
    if (res.status !== 200) throw new ReplicationHttpError(res.status, `${what}: the BFF answered ${res.status}`)
    options.onContact?.()
    return res.data
  }

  const pullStream$ = new Subject<RxReplicationPullStreamItem<Order, ReplicationCheckpoint>>()

  const replication = replicateRxCollection<Order, ReplicationCheckpoint>({
    collection: options.collection,
    replicationIdentifier: replicationIdentifier(storeId, options.origin),
    live: true,
    retryTime: options.retryTimeMs ?? 3000,
    waitForLeadership: options.waitForLeadership ?? true,
    // A tablet whose screen is off must keep syncing; leader election already keeps one tab replicating.
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: REPLICATION_PULL_BATCH_SIZE,
      stream$: pullStream$.asObservable(),
      async handler(checkpoint, batchSize) {
        const cp = checkpoint ?? { updatedAt: 0, id: '' }
        const query = `checkpoint=${encodeURIComponent(JSON.stringify(cp))}&limit=${batchSize}`
        const res = await http.request({ path: `${base}/pull?${query}`, headers: headers() })
        const parsed = PullResponse.safeParse(answered(res, 'pull'))
        if (!parsed.success)
          throw new ReplicationHttpError(res.status, `pull: unexpected answer ${parsed.error.message}`)
        return { documents: parsed.data.documents, checkpoint: parsed.data.checkpoint }
      },
    },
    push: {
      batchSize: REPLICATION_PUSH_BATCH_SIZE,
      async handler(rows) {
        const conflicts: WithDeleted<Order>[] = []
        for (const body of packBodies(rows.map(wireRow), REPLICATION_PUSH_MAX_BODY_BYTES)) {
          const res = await http.request({
            method: 'POST',
            path: `${base}/push`,
            headers: { ...headers(), 'content-type': 'application/json' },
            body,
          })
          const parsed = PushResponse.safeParse(answered(res, 'push'))
          if (!parsed.success) {
            throw new ReplicationHttpError(res.status, `push: unexpected answer ${parsed.error.message}`)
          }
          conflicts.push(...parsed.data)
        }
        return conflicts
      },
    },
  })

  let stream: StreamHandle | undefined
  // Each connection's number: status reports of a connection already replaced are ignored.
  let generation = 0
  let open = false
  let stopped = false
  let retry: ReturnType<typeof setTimeout> | undefined

  const openPullStream = () => {
    if (stopped) return
    const mine = ++generation
    const previous = stream
    stream = undefined
    previous?.close()
    if (open) options.onLive?.(false)
    open = false
    const token = options.token()
    stream = options.openStream({
      baseUrl: options.baseUrl,
      path: `${base}/pull-stream`,
      // No socket twin of the pull stream: platforms without EventSource fall back to RESYNC on reconnect.
      socketPath: `${base}/pull-stream`,
      ...(token === null ? {} : { query: { access_token: token } }),
      onEvent(event) {
        let data: unknown
        try {
          data = JSON.parse(event.data)
        } catch {
          return
        }
        options.onContact?.()
        if (data === 'RESYNC') {
          pullStream$.next('RESYNC')
          return
        }
        const parsed = PullResponse.safeParse(data)
        // Something we cannot read: pull by checkpoint instead, which is always correct.
        pullStream$.next(parsed.success ? parsed.data : 'RESYNC')
      },
      onStatus(status) {
        if (generation !== mine) return
        const wasOpen = open
        open = status === 'open'
        if (wasOpen !== open) options.onLive?.(open)
        // A dropped stream may have missed changes: the next connection starts with RESYNC anyway, but a
        // pull now costs little and catches whatever happened while it was down.
        if (wasOpen && !open) pullStream$.next('RESYNC')
        // Offline, `reconnect()` reopens it when the network is back.
        if (status === 'closed' && !stopped && (options.online?.() ?? true)) {
          clearTimeout(retry)
          retry = setTimeout(openPullStream, options.retryTimeMs ?? 3000)
        }
      },
    })
  }
  openPullStream()

  return {
    replication,
    reconnect() {
      clearTimeout(retry)
      openPullStream()
      replication.reSync()
    },
    streamOpen: () => open,
    async stop() {
      stopped = true
      generation++
      clearTimeout(retry)
      const s = stream
      stream = undefined
      s?.close()
      pullStream$.complete()
      await replication.cancel()
    },
  }
}
