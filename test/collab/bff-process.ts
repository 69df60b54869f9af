import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

const ROOT = path.resolve(import.meta.dirname, '../..')

/**
 * A real BFF child process for the collaboration suites and benchmark: `node --import tsx bff/src/main.ts`
 * on PORT=0 (the port is read from the `health` line it prints), restarted on the same data and port.
 */
export class CollabBff {
  readonly dataDir: string
  port = 0
  child: ChildProcess | undefined
  output = ''
  readonly #databaseUrl: string | undefined
  readonly #env: Record<string, string>

  private constructor(opts: { databaseUrl?: string | undefined; env?: Record<string, string> }) {
    this.dataDir = mkdtempSync(path.join(tmpdir(), 'xd-collab-'))
    this.#databaseUrl = opts.databaseUrl
    this.#env = opts.env ?? {}
  }

  /** Starts a BFF on a fresh PGlite directory, or on `databaseUrl`. */
  static async start(
    opts: { databaseUrl?: string | undefined; env?: Record<string, string> } = {},
  ): Promise<CollabBff> {
    const bff = new CollabBff(opts)
    await bff.#spawn()
    return bff
  }

  get http(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The y-websocket server URL: the provider appends `/<docName>`. */
  get collabUrl(): string {
    return `ws://127.0.0.1:${this.port}/collab`
  }

  /** SIGTERM and wait for the exit. */
  async stop(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    await exited
  }

  /** Starts again on the same data directory and port. */
  async restart(): Promise<void> {
    await this.stop()
    await this.#spawn()
  }

  /** Stops and deletes the data directory. */
  async dispose(): Promise<void> {
    await this.stop()
    await rm(this.dataDir, { recursive: true, force: true })
  }

  /** Resident set size of the BFF process, from /proc/<pid>/status, in bytes. */
  async rssBytes(): Promise<number> {
    const status = await readFile(`/proc/${this.child?.pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]
    return Number(kb ?? 0) * 1024
  }

  /** CPU time and time spent waiting for a CPU of the BFF's main thread, from /proc/<pid>/schedstat. */
  async schedstat(): Promise<SchedStat> {
    return readSchedstat(`/proc/${this.child?.pid}/schedstat`)
  }

  /** POSTs JSON and answers the status and parsed body. */
  async post<T = Record<string, unknown>>(
    url: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.http}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as T }
  }

  /** Signs a consumer in (the demo derives the openid from the code). */
  async consumer(code: string, nickname: string): Promise<{ token: string; openid: string }> {
    const res = await this.post<{ token: string; openid: string }>('/api/auth/consumer', { code, nickname })
    return res.body
  }

  async #spawn(): Promise<void> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...this.#env,
    }
    delete env.DATABASE_URL
    delete env.INIT_CWD
    if (this.#databaseUrl) env.DATABASE_URL = this.#databaseUrl
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bff/src/main.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    this.output = ''
    this.port = await new Promise<number>((resolve, reject) => {
      child.stdout?.on('data', (b: Buffer) => {
        this.output += b.toString()
        const m = /health\s+http:\/\/127\.0\.0\.1:(\d+)\/healthz/.exec(this.output)
        if (m) resolve(Number(m[1]))
      })
      child.stderr?.on('data', (b: Buffer) => {
        this.output += b.toString()
      })
      child.once('exit', (code, signal) => reject(new Error(`BFF exited (${code ?? signal}):\n${this.output}`)))
      setTimeout(() => reject(new Error(`BFF did not start within 60 s:\n${this.output}`)), 60_000).unref()
    })
  }
}

/** Nanoseconds a thread ran, and waited runnable for a CPU (other processes had them). */
export interface SchedStat {
  runNs: number
  waitNs: number
}

/** Reads a schedstat file (`/proc/self/schedstat` for this process). */
export async function readSchedstat(file: string): Promise<SchedStat> {
  const [run, wait] = (await readFile(file, 'utf8')).trim().split(/\s+/).map(Number)
  return { runNs: run ?? 0, waitNs: wait ?? 0 }
}

/** A DATABASE_URL whose connections use a new, empty schema (copied from bff/src/db/test-databases.ts). */
export async function freshSchemaUrl(baseUrl: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  try {
    await admin.query(`create schema ${schema}`)
  } finally {
    await admin.end()
  }
  const url = new URL(baseUrl)
  url.searchParams.set('options', `-c search_path=${schema},public`)
  return url.toString()
}

/** Polls `check` until it is true, failing with `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
