import { EmbeddedUpkeep } from '../db/upkeep'
import { type RefundApi, SimulatedWechatRefundApi } from '../groupbuy/refund-api'
import { onRefundSettled, runRefundSagas } from '../groupbuy/refund-saga'
import { onGroupOrder, settleTeams } from '../groupbuy/teams'
import { type NotificationSender, demoSender, sendDueNotifications } from '../notify/outbox'
import { onOrderReady, queueBookingReminders } from '../notify/triggers'
import { onPassOrder } from '../passes/purchase'
import { runScheduler } from '../passes/scheduler'
import type { Services } from '../services'
import type { StreamSink } from '../stream/hub'
import { releaseLapsedHolds, storesWithLapsedHolds } from './booking-store'
import { OrderFollower, storesBehind } from './follower'
import { onBookingOrder } from './lifecycle'
import { drainOutbox } from './outbox'
import { runtimeOf } from './runtime'

/** How a process runs its rounds; tests and benchmarks replace the refund API or the message sender. */
export interface JobOptions {
  intervalMs?: number
  refundApi?: RefundApi
  sender?: NotificationSender
}

/** One background step; each runs in every round, isolated from the others' failures. */
/** A step of a round; `onLog` steps also run in the short rounds a growing order log wakes. */
type Step = { name: string; run: (s: Services) => Promise<unknown>; onLog?: true }

/** A full round runs every step; a log round only what follows the order log. */
type RoundKind = 'full' | 'log'

/** How long a wake-up from the order log waits, gathering others, before it runs a round. */
const WAKE_WINDOW_MS = 250

/**
 * The background work of bookings, passes and 拼团, run in rounds: follow the order stream (payments
 * confirm bookings, start passes, fill teams; refunds complete sagas), release lapsed holds, generate due
 * drink-plan orders, settle teams past their deadline, push refund sagas, queue reminders, send messages,
 * and submit queued commands to the ingest path. Every step is idempotent and claims its rows with
 * SKIP LOCKED, so any number of BFF processes can run rounds at once and a crash anywhere is finished by
 * the next round (of this process after a restart, or of another one).
 *
 * Rounds run every `intervalMs` and whenever the order log of a store grows (the stream hub's wake-up,
 * which on PostgreSQL also travels between processes by NOTIFY).
 */
export class ShopJobs {
  readonly #s: Services
  readonly #steps: Step[]
  readonly #intervalMs: number
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  /** The round asked for while one was running: it runs next. */
  #again: RoundKind | undefined
  #stopped = false
  readonly #unsubscribe: (() => void)[] = []

  constructor(s: Services, opts: JobOptions = {}) {
    this.#s = s
    this.#intervalMs = opts.intervalMs ?? 1000
    const refunds = opts.refundApi ?? new SimulatedWechatRefundApi(s)
    const send = opts.sender ?? demoSender
    const follower = new OrderFollower(s, { booking: onBookingOrder, pass: onPassOrder(s), group: onGroupOrder(s) }, [
      onRefundSettled,
      onOrderReady(s),
    ])
    // Each step first looks (one indexed query) and only opens transactions where there is work, so an
    // idle round costs a few cheap reads and never stalls PGlite's single connection for the requests.
    const follow = async () => Promise.all((await storesBehind(s.db)).map((id) => follower.follow(id)))
    const upkeep = new EmbeddedUpkeep(s.db, () => s.ingestor.stats.commands, s.log)
    // A busy log wakes short rounds (follow it, drain what that queued); the periodic round does the rest:
    // at a lunch rush the wake-ups come four times a second, and every query of a round waits in PGlite's
    // one connection with the webhooks.
    this.#steps = [
      { name: 'outbox', run: () => drainOutbox(s), onLog: true },
      { name: 'follow', run: follow, onLog: true },
      {
        name: 'holds',
        run: async () => {
          for (const id of await storesWithLapsedHolds(s.db, s.now())) {
            await s.db.transaction((tx) => releaseLapsedHolds(tx, id, s.now()))
          }
        },
      },
      { name: 'scheduler', run: () => runScheduler(s) },
      { name: 'groupbuys', run: () => settleTeams(s) },
      { name: 'outbox', run: () => drainOutbox(s) },
      { name: 'refunds', run: () => runRefundSagas(s, refunds) },
      { name: 'reminders', run: () => queueBookingReminders(s) },
      { name: 'follow', run: follow },
      { name: 'outbox', run: () => drainOutbox(s), onLog: true },
      { name: 'notifications', run: () => sendDueNotifications(s, send) },
      // WeChat Pay nonces shared by processes on a server, kept until their freshness window closes.
      ...(s.db.kind === 'postgres'
        ? [{ name: 'nonces', run: () => s.db.query('delete from wechatpay_nonces where expires_ms <= $1', [s.now()]) }]
        : []),
      // PGlite has no autovacuum; a PostgreSQL server has its own.
      ...(s.db.kind === 'pglite' ? [{ name: 'upkeep', run: () => upkeep.run() }] : []),
    ]
  }

  /** Runs one round now (or waits for the one running, then runs another). Tests drive the flows with it. */
  async tick(kind: RoundKind = 'full'): Promise<void> {
    if (this.#running) {
      this.#again = this.#again === 'full' ? 'full' : kind
      await this.#running
      if (!this.#again) return
      kind = this.#again
    }
    this.#again = undefined
    this.#running = this.#round(kind).finally(() => {
      this.#running = undefined
    })
    await this.#running
  }

  /** Starts the periodic rounds and the wake-ups on every store's log. */
  async start(): Promise<void> {
    const rt = runtimeOf(this.#s)
    // A busy log wakes the rounds often; one round per wake-up window is enough, and it leaves PGlite's
    // single connection to the requests in between.
    let waking = false
    rt.kick = () => {
      if (waking) return
      waking = true
      setTimeout(() => {
        waking = false
        if (!this.#stopped) void this.tick('log').catch(() => {})
      }, WAKE_WINDOW_MS)
    }
    for (const st of this.#s.stores.list()) {
      const rows = await this.#s.db.query<{ seq: string }>('select seq from store_log_head where store_id = $1', [
        st.id,
      ])
      const sink: StreamSink = {
        kind: 'sse',
        write: () => {
          if (!this.#stopped) rt.kick()
          return true
        },
        onDrain: () => {},
        heartbeat: () => {},
        close: () => {},
      }
      this.#unsubscribe.push(await this.#s.hub.subscribe(st.id, Number(rows[0]?.seq ?? 0), sink))
    }
    const loop = () => {
      if (this.#stopped) return
      this.tick()
        .catch(() => {})
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(loop, this.#intervalMs)
        })
    }
    this.#timer = setTimeout(loop, 0)
  }

  /** Stops the rounds and waits for the one in flight. */
  async stop(): Promise<void> {
    this.#stopped = true
    runtimeOf(this.#s).kick = () => {}
    if (this.#timer) clearTimeout(this.#timer)
    for (const u of this.#unsubscribe.splice(0)) u()
    await this.#running?.catch(() => {})
  }

  async #round(kind: RoundKind): Promise<void> {
    for (const step of this.#steps) {
      if (kind === 'log' && !step.onLog) continue
      if (this.#stopped) return
      try {
        await step.run(this.#s)
      } catch (err) {
        this.#s.log.warn({ err, step: step.name }, 'background step failed; next round retries')
      }
    }
  }
}

/** Starts the background rounds of a BFF process; `stop()` them before closing the services. */
export async function startShopJobs(s: Services, opts: JobOptions = {}): Promise<ShopJobs> {
  const jobs = new ShopJobs(s, opts)
  await jobs.start()
  return jobs
}
