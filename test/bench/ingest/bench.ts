/**
 * Meituan push ingest at 50 connections, against baselines measured in the same run:
 * - PGlite: the BFF (durable and non-durable acknowledgement) vs a bare Hono endpoint that verifies an
 *   HMAC and inserts one row per request in its own transaction. Goals: ≥ 3× its throughput (non-durable,
 *   issue 4) and ≥ 2× durable (issue 10), p99 ≤ 100 ms.
 * - PostgreSQL (DATABASE_URL): the BFF vs the same Meituan endpoint with no storage at all. Goal ≥ 0.5×.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { simulatorFor } from '@xiaodian/bff/simulator'
import autocannon from 'autocannon'
import { BffProcess, ROOT } from '../../support/bff-process'
import { freshSchemaUrl } from '../../support/pg'
import { record, smoke, summary } from '../lib'
import { HMAC_KEY } from './hmac'

const CONNECTIONS = smoke ? 10 : 50
const WARMUP_S = smoke ? 0 : 3
const MEASURE_S = smoke ? 1 : 10
const sim = simulatorFor()

/** CPU ticks (user + system, 1/100 s) of each thread of a process, by thread id. */
function threadTicks(pid: number): Map<number, number> {
  const out = new Map<number, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(Number(tid), Number(fields[11]) + Number(fields[12]))
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out
}

/**
 * Where a process's CPU went during `fn`, as % of one core: its main thread, its busiest other thread (the
 * BFF's database thread) and all the others (V8's GC helpers, libuv's pool).
 */
async function cpuSplit<T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; split: Record<string, number> }> {
  const before = threadTicks(pid)
  const t0 = performance.now()
  const result = await fn()
  const seconds = (performance.now() - t0) / 1000
  const used = [...threadTicks(pid)].map(([tid, ticks]) => ({ tid, pct: (ticks - (before.get(tid) ?? 0)) / seconds }))
  const main = used.find((u) => u.tid === pid)?.pct ?? 0
  const others = used.filter((u) => u.tid !== pid).sort((a, b) => b.pct - a.pct)
  const busiest = others[0]?.pct ?? 0
  const rest = others.slice(1).reduce((sum, u) => sum + u.pct, 0)
  return { result, split: { 'main thread': main, 'busiest other thread': busiest, 'other threads': rest } }
}

interface Run {
  rps: number
  p50: number
  p99: number
  non2xx: number
}

/** Unique signed pushes, generated before the run so the load generator does no signing. */
function pushes(n: number, tag: string): { path: string; body: string; headers: Record<string, string> }[] {
  const base = Date.now() * 10
  return Array.from({ length: n }, (_, i) => {
    const p = sim.meituanOrder('tea-01', { orderId: `${tag}${base + i}`, daySeq: (i % 999) + 1 })
    return { path: p.path, body: p.body, headers: p.headers }
  })
}

async function load(
  url: string,
  reqs: { path: string; body: string; headers: Record<string, string> }[],
  seconds: number,
): Promise<Run> {
  let next = 0
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const r = reqs[next++ % reqs.length]!
          return { ...req, path: r.path, headers: r.headers, body: r.body }
        },
      },
    ],
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  }
}

async function measure(
  name: string,
  url: string,
  make: (n: number, tag: string) => ReturnType<typeof pushes>,
  pid?: number,
): Promise<Run> {
  if (WARMUP_S > 0) await load(url, make(4000, `w${name}`), WARMUP_S)
  const reqs = make(smoke ? 3000 : 60_000, `m${name}`)
  const { result: run, split } =
    pid === undefined
      ? { result: await load(url, reqs, MEASURE_S), split: {} }
      : await cpuSplit(pid, () => load(url, reqs, MEASURE_S))
  for (const [part, pct] of Object.entries(split)) {
    record({ bench: 'ingest', metric: `${name} CPU, ${part}`, value: pct, unit: '% of a core' })
  }
  record({ bench: 'ingest', metric: `${name} throughput`, value: run.rps, unit: 'req/s' })
  record({ bench: 'ingest', metric: `${name} p50`, value: run.p50, unit: 'ms' })
  record({ bench: 'ingest', metric: `${name} p99`, value: run.p99, unit: 'ms' })
  if (run.non2xx > 0)
    record({ bench: 'ingest', metric: `${name} non-2xx or errors`, value: run.non2xx, unit: 'responses' })
  return run
}

async function baseline(
  mode: 'naive' | 'nostore',
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xd-naive-'))
  const childEnv = { ...process.env, ...env } as Record<string, string>
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'baseline-server.ts'), mode, String(port), dataDir],
    {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => (b.toString().includes('listening') ? resolve() : undefined))
    child.once('exit', (c) => reject(new Error(`baseline ${mode} exited ${c}`)))
  })
  return { url: `http://127.0.0.1:${port}`, child }
}

const hmacPushes = (n: number, tag: string) =>
  pushes(n, tag).map((p) => ({
    path: '/ingest',
    body: p.body,
    headers: {
      ...p.headers,
      'x-webhook-signature': `sha256=${createHmac('sha256', HMAC_KEY).update(p.body).digest('hex')}`,
    },
  }))

async function main() {
  // PGlite.
  const naive = await baseline('naive')
  const base = await measure('PGlite naive baseline (HMAC + 1 insert per transaction)', naive.url, hmacPushes)
  naive.child.kill('SIGTERM')

  for (const durable of [true, false]) {
    const bff = await BffProcess.start({ env: { DURABLE: durable ? '1' : '0' } })
    const label = `BFF on PGlite, ${durable ? 'durable (WAL fsynced before ack)' : 'not durable (page cache)'}`
    const run = await measure(label, bff.baseUrl, pushes, bff.pid)
    const goal = durable ? 2 : 3
    record({
      bench: 'ingest',
      metric: `${label} ÷ naive baseline`,
      value: run.rps / base.rps,
      unit: '×',
      goal: `≥ ${goal}× and p99 ≤ 100 ms`,
      ok: run.rps / base.rps >= goal && run.p99 <= 100,
    })
    await bff.stop()
  }

  // PostgreSQL, when a server is configured.
  const url = process.env.DATABASE_URL
  if (url) {
    const nostore = await baseline('nostore')
    const none = await measure('Meituan endpoint, no storage', nostore.url, pushes)
    nostore.child.kill('SIGTERM')
    const bff = await BffProcess.start({ databaseUrl: await freshSchemaUrl(url) })
    const run = await measure('BFF on PostgreSQL', bff.baseUrl, pushes, bff.pid)
    record({
      bench: 'ingest',
      metric: 'PostgreSQL ÷ no storage',
      value: run.rps / none.rps,
      unit: '×',
      goal: '≥ 0.5×',
      ok: run.rps / none.rps >= 0.5,
    })
    await bff.stop()
  }
  summary()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
