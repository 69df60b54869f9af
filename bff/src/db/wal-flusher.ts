import { open, readdir } from 'node:fs/promises'
import path from 'node:path'

/**
 * Makes PGlite's commits durable. PGlite writes its WAL with pwrite at commit but never calls fsync
 * (Emscripten's NODEFS has none), so a commit survives a process crash but not a power cut. After a
 * batch commits, `flush()` fsyncs the WAL segments written since the last flush — on Linux fsync
 * flushes a file's dirty pages whichever descriptor wrote them — and the pg_wal directory when a new
 * segment appeared. Concurrent callers share one flush (group commit): a caller whose commit finished
 * while a flush was running waits for the next one, which then covers it.
 */
export class WalFlusher {
  readonly #walDir: string
  #known = new Set<string>()
  #lastSegment = ''
  #running: Promise<void> | undefined
  #queued: Promise<void> | undefined
  /** How many fsync rounds ran; exposed for tests and benchmarks. */
  rounds = 0

  constructor(dataDir: string) {
    this.#walDir = path.join(dataDir, 'pg_wal')
  }

  /** Resolves once every commit that finished before the call is on stable storage. */
  flush(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#round().finally(() => {
        this.#running = undefined
      })
      return this.#running
    }
    // A round is in progress and may have started before our commit: run one more after it.
    if (!this.#queued) {
      const after = this.#running
      this.#queued = after.then(() => {
        this.#queued = undefined
        return this.flush()
      })
    }
    return this.#queued
  }

  async #round(): Promise<void> {
    this.rounds++
    const names = (await readdir(this.#walDir)).filter((n) => /^[0-9A-F]{24}$/.test(n)).sort()
    const newest = names.at(-1)
    if (!newest) return
    // Segments after the last one flushed, and that one itself (it may have been written again).
    const toSync = names.filter((n) => n >= this.#lastSegment)
    const created = names.some((n) => !this.#known.has(n))
    await Promise.all(toSync.map((n) => fsyncPath(path.join(this.#walDir, n))))
    if (created) {
      await fsyncPath(this.#walDir)
      this.#known = new Set(names)
    }
    this.#lastSegment = newest
  }
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}
