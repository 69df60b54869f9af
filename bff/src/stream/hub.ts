import type { Database } from '../db/database'

/** A transport a subscriber listens on (an SSE response, a WebSocket). */
export interface StreamSink {
  readonly kind: 'sse' | 'ws'
  /** Writes one encoded event; false when the transport's buffer is full, so the hub stops writing. */
  write(event: EncodedEvent): boolean
  /** Calls `cb` once when a full buffer has drained. */
  onDrain(cb: () => void): void
  heartbeat(): void
  close(): void
}

/** One log event, encoded once for every transport and reused for every subscriber. */
export class EncodedEvent {
  readonly seq: number
  readonly json: string
  #sse: Buffer | undefined

  constructor(seq: number, json: string) {
    this.seq = seq
    this.json = json
  }

  /** `id: <seq>` lets EventSource resume with Last-Event-ID. */
  get sse(): Buffer {
    this.#sse ??= Buffer.from(`id: ${this.seq}\nevent: order\ndata: ${this.json}\n\n`)
    return this.#sse
  }
}

interface Subscriber {
  sink: StreamSink
  /** The last seq this subscriber has been sent. */
  cursor: number
  /** Live subscribers get each event as it is read; others are catching up from the log on their own. */
  live: boolean
  waitingForDrain: boolean
  closed: boolean
}

interface StoreState {
  subs: Set<Subscriber>
  /** Highest seq read from the log and offered to live subscribers. */
  loaded: number
  /** The newest events, so a subscriber slightly behind catches up without the database. */
  recent: EncodedEvent[]
  reading: Promise<void> | undefined
  again: boolean
}

const PAGE = 500
const RECENT = 2000

/**
 * Fans a store's log out to its subscribers. Events are always read from the log (never from the
 * writer's memory), so a subscriber on any BFF process sees the same sequence; a wake-up only says
 * "the log grew". A slow subscriber never blocks the others: when its buffer is full it leaves the live
 * set and, once drained, catches up from the log at its own pace.
 */
export class StreamHub {
  readonly #db: Database
  readonly #stores = new Map<string, StoreState>()
  readonly #timer: NodeJS.Timeout

  constructor(db: Database, opts: { heartbeatMs?: number; pollMs?: number } = {}) {
    this.#db = db
    let ticks = 0
    const pollMs = opts.pollMs ?? 2000
    const heartbeatEvery = Math.max(1, Math.round((opts.heartbeatMs ?? 15_000) / pollMs))
    // Safety net for a lost NOTIFY (listener reconnect): look at each watched store's log now and then.
    this.#timer = setInterval(() => {
      ticks++
      for (const [storeId, state] of this.#stores) {
        this.wake(storeId)
        if (ticks % heartbeatEvery === 0) for (const s of state.subs) if (!s.waitingForDrain) s.sink.heartbeat()
      }
    }, pollMs)
    this.#timer.unref()
  }

  /** Starts sending `storeId`'s events after `after` to `sink`. Returns the unsubscribe function. */
  async subscribe(storeId: string, after: number, sink: StreamSink): Promise<() => void> {
    let state = this.#stores.get(storeId)
    if (!state) {
      const head = await this.#head(storeId)
      state = this.#stores.get(storeId) // another subscriber may have created it meanwhile
      if (!state) {
        state = { subs: new Set(), loaded: head, recent: [], reading: undefined, again: false }
        this.#stores.set(storeId, state)
      }
    }
    const sub: Subscriber = { sink, cursor: Math.max(0, after), live: false, waitingForDrain: false, closed: false }
    state.subs.add(sub)
    void this.#catchUp(storeId, state, sub)
    return () => {
      sub.closed = true
      state.subs.delete(sub)
      if (state.subs.size === 0 && this.#stores.get(storeId) === state) this.#stores.delete(storeId)
    }
  }

  /** The log of `storeId` may have grown: read it and deliver. Cheap to call often. */
  wake(storeId: string): void {
    const state = this.#stores.get(storeId)
    if (!state) return
    if (state.reading) {
      state.again = true
      return
    }
    state.reading = this.#read(storeId, state).finally(() => {
      state.reading = undefined
      if (state.again) {
        state.again = false
        this.wake(storeId)
      }
    })
  }

  /**
   * This process has just committed these log events (in sequence order): deliver them without reading
   * them back, when they continue exactly where this store's stream stands; otherwise read the log.
   */
  offer(storeId: string, events: readonly { seq: number; json: string }[]): void {
    const state = this.#stores.get(storeId)
    if (!state) return
    if (state.reading || events[0]?.seq !== state.loaded + 1) {
      this.wake(storeId)
      return
    }
    for (const e of events) {
      if (e.seq !== state.loaded + 1) {
        this.wake(storeId)
        return
      }
      const ev = new EncodedEvent(e.seq, e.json)
      state.loaded = ev.seq
      state.recent.push(ev)
      for (const sub of state.subs) if (sub.live) this.#send(storeId, state, sub, ev)
    }
    if (state.recent.length > RECENT) state.recent.splice(0, state.recent.length - RECENT)
  }

  /** Ends every subscription (shutdown). */
  closeAll(): void {
    clearInterval(this.#timer)
    for (const state of this.#stores.values()) for (const s of state.subs) s.sink.close()
    this.#stores.clear()
  }

  /** How many subscribers are connected, for tests and metrics. */
  get subscriberCount(): number {
    let n = 0
    for (const s of this.#stores.values()) n += s.subs.size
    return n
  }

  async #read(storeId: string, state: StoreState): Promise<void> {
    for (;;) {
      const events = await this.#page(storeId, state.loaded, PAGE)
      for (const ev of events) {
        if (ev.seq !== state.loaded + 1) break // never skip: a gap means a read raced a commit; re-read
        state.loaded = ev.seq
        state.recent.push(ev)
        for (const sub of state.subs) if (sub.live) this.#send(storeId, state, sub, ev)
      }
      if (state.recent.length > RECENT) state.recent.splice(0, state.recent.length - RECENT)
      if (events.length < PAGE) return
    }
  }

  #send(storeId: string, state: StoreState, sub: Subscriber, ev: EncodedEvent): void {
    if (sub.closed || ev.seq !== sub.cursor + 1) return
    sub.cursor = ev.seq
    if (!sub.sink.write(ev)) {
      sub.live = false
      sub.waitingForDrain = true
      sub.sink.onDrain(() => {
        sub.waitingForDrain = false
        void this.#catchUp(storeId, state, sub)
      })
    }
  }

  async #catchUp(storeId: string, state: StoreState, sub: Subscriber): Promise<void> {
    try {
      while (!sub.closed && !sub.waitingForDrain) {
        if (sub.cursor >= state.loaded) {
          sub.live = true
          return
        }
        const first = state.recent[0]
        const fromMemory = first && first.seq <= sub.cursor + 1
        const batch = fromMemory
          ? state.recent.slice(sub.cursor + 1 - first.seq, sub.cursor + 1 - first.seq + PAGE)
          : await this.#page(storeId, sub.cursor, Math.min(PAGE, state.loaded - sub.cursor))
        if (batch.length === 0) {
          sub.live = true
          return
        }
        for (const ev of batch) {
          if (sub.closed || sub.waitingForDrain || ev.seq > state.loaded) break
          this.#send(storeId, state, sub, ev)
        }
      }
    } catch {
      sub.sink.close()
    }
  }

  async #head(storeId: string): Promise<number> {
    const rows = await this.#db.query<{ seq: string }>('select seq from store_log_head where store_id = $1', [storeId])
    return rows[0] ? Number(rows[0].seq) : 0
  }

  async #page(storeId: string, after: number, limit: number): Promise<EncodedEvent[]> {
    const rows = await this.#db.query<{ seq: string | number; payload: string }>(
      'select seq, payload::text as payload from order_events where store_id = $1 and seq > $2 order by seq limit $3',
      [storeId, after, limit],
    )
    return rows.map((r) => new EncodedEvent(Number(r.seq), r.payload))
  }
}
