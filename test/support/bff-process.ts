import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, '../..')

export interface BffOptions {
  /** PGlite data directory; a fresh temp dir when left out. Ignored with `databaseUrl`. */
  dataDir?: string
  /** Run on this PostgreSQL URL instead of PGlite. */
  databaseUrl?: string
  /** Fixed port; 0 (default) lets the OS pick one, which restarts then keep. */
  port?: number
  /** Extra environment (SEED_DEMO, DURABLE, …). */
  env?: Record<string, string>
  /** Wrap the process, e.g. `['strace', '-f', …, '--']`. */
  wrapper?: string[]
}

/**
 * A real BFF child process (`node --import tsx bff/src/main.ts`) for cross-process suites: start, stop
 * with SIGTERM, kill with SIGKILL, restart on the same data and port.
 */
export class BffProcess {
  readonly dataDir: string
  port: number
  child: ChildProcess | undefined
  output = ''
  readonly #opts: BffOptions

  private constructor(opts: BffOptions) {
    this.#opts = opts
    this.dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'xd-bff-'))
    this.port = opts.port ?? 0
  }

  static async start(opts: BffOptions = {}): Promise<BffProcess> {
    const p = new BffProcess(opts)
    await p.#spawn()
    return p
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get pid(): number {
    return this.child?.pid ?? -1
  }

  async #spawn(): Promise<void> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      STORES_FILE: path.join(ROOT, 'bff/config/stores.demo.json'),
      ...this.#opts.env,
    }
    delete env.DATABASE_URL
    delete env.INIT_CWD
    if (this.#opts.databaseUrl) env.DATABASE_URL = this.#opts.databaseUrl
    const node = [process.execPath, '--import', 'tsx', path.join(ROOT, 'bff/src/main.ts')]
    const argv = [...(this.#opts.wrapper ?? []), ...node]
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    this.child = child
    this.output = ''
    const ready = new Promise<number>((resolve, reject) => {
      const onData = (buf: Buffer) => {
        this.output += buf.toString()
        const m = /health\s+http:\/\/127\.0\.0\.1:(\d+)\/healthz/.exec(this.output)
        if (m) resolve(Number(m[1]))
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', (b: Buffer) => {
        this.output += b.toString()
      })
      child.once('exit', (code, signal) =>
        reject(new Error(`BFF exited before listening (${code ?? signal}):\n${this.output}`)),
      )
      setTimeout(() => reject(new Error(`BFF did not start within 60 s:\n${this.output}`)), 60_000).unref()
    })
    this.port = await ready
  }

  /** SIGTERM and wait: the graceful path. Resolves with the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    // Under a wrapper (strace), signal the BFF itself: the wrapper exits with it and passes on its code.
    const target = this.#opts.wrapper ? wrappedPid(child.pid as number) : child.pid
    if (target) process.kill(target, 'SIGTERM')
    return exited
  }

  /** SIGKILL and wait: a crash. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGKILL')
    await exited
  }

  /** Starts again on the same data directory and port. */
  async restart(): Promise<void> {
    await this.#spawn()
  }

  /** A staff (or owner) token of a demo store. */
  async staffToken(storeId = 'tea-01', pin = '1111'): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/auth/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ storeId, pin }),
    })
    const body = (await res.json()) as { token: string }
    return body.token
  }
}

/** The process a wrapper started (its first child), from /proc. */
function wrappedPid(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)
    return children[0] ? Number(children[0]) : undefined
  } catch {
    return undefined
  }
}
