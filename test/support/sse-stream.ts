/**
 * A small server-sent-events client over `fetch` streaming, for Node suites (Node has no EventSource).
 * It reconnects after a drop, like EventSource, and reports each drop so the caller can resync.
 */
export interface SseStreamOptions {
  /** Called with each message's `data` (multi-line data joined with `\n`). */
  onMessage(data: string): void
  /** Called when a connection ends or fails, before reconnecting. */
  onDisconnect?(error: unknown): void
  headers?: Record<string, string>
  /** Wait before reconnecting, ms. */
  retryMs?: number
}

export class SseStream {
  readonly #url: () => string
  readonly #opts: SseStreamOptions
  #running = false
  #abort: AbortController | undefined
  #loop: Promise<void> | undefined
  /** Connections opened so far. */
  connections = 0

  /** `url` is read on every (re)connect, so a server restarted on a new port is followed. */
  constructor(url: () => string, opts: SseStreamOptions) {
    this.#url = url
    this.#opts = opts
  }

  start(): void {
    if (this.#running) return
    this.#running = true
    this.#loop = this.#run()
  }

  /** Closes the connection and stops reconnecting. */
  async stop(): Promise<void> {
    this.#running = false
    this.#abort?.abort()
    await this.#loop
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#abort = new AbortController()
      let error: unknown
      try {
        const res = await fetch(this.#url(), {
          headers: { accept: 'text/event-stream', ...this.#opts.headers },
          signal: this.#abort.signal,
        })
        if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`)
        this.connections++
        await this.#read(res.body)
      } catch (e) {
        error = e
      }
      if (!this.#running) return
      this.#opts.onDisconnect?.(error)
      await new Promise((r) => setTimeout(r, this.#opts.retryMs ?? 200))
    }
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    let buf = ''
    const decoder = new TextDecoder()
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
        if (data.length > 0) this.#opts.onMessage(data.join('\n'))
        end = buf.indexOf('\n\n')
      }
    }
  }
}
