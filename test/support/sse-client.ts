/**
 * Follows a store's order stream over SSE the way a tablet does: `fetch` streaming (Node has no
 * EventSource), resuming with `Last-Event-ID` after every drop, and keeping every event it saw.
 */
export interface FollowedEvent {
  seq: number
  type: string
  orderId: string | null
}

export class SseFollower {
  /** Every event received, in arrival order. */
  readonly events: FollowedEvent[] = []
  /** Connections opened after the first. */
  reconnects = 0
  readonly #url: () => string
  readonly #token: () => Promise<string>
  #closed = false
  #abort: AbortController | undefined
  #connections = 0

  constructor(url: () => string, token: () => Promise<string>) {
    this.#url = url
    this.#token = token
    void this.#run()
  }

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0
  }

  /** Resolves once `n` events have arrived (rejects after `timeoutMs`). */
  async waitFor(n: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.events.length < n) {
      if (Date.now() > deadline) throw new Error(`only ${this.events.length} of ${n} events arrived`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  close(): void {
    this.#closed = true
    this.#abort?.abort()
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      this.#abort = new AbortController()
      try {
        const headers: Record<string, string> = {
          accept: 'text/event-stream',
          authorization: `Bearer ${await this.#token()}`,
        }
        if (this.lastSeq > 0) headers['last-event-id'] = String(this.lastSeq)
        const res = await fetch(this.#url(), { headers, signal: this.#abort.signal })
        if (res.ok && res.body) {
          if (this.#connections++ > 0) this.reconnects++
          await this.#read(res.body)
        }
      } catch {
        // The server went away; reconnect below.
      }
      if (!this.#closed) await new Promise((r) => setTimeout(r, 200))
    }
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buf = ''
    for await (const chunk of body) {
      buf += decoder.decode(chunk, { stream: true })
      let end = buf.indexOf('\n\n')
      while (end >= 0) {
        const frame = buf.slice(0, end)
        buf = buf.slice(end + 2)
        const data = frame
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(l.startsWith('data: ') ? 6 : 5))
          .join('\n')
        if (data) {
          const ev = JSON.parse(data) as FollowedEvent
          if (typeof ev.seq === 'number' && ev.seq > this.lastSeq) this.events.push(ev)
        }
        end = buf.indexOf('\n\n')
      }
    }
  }
}
