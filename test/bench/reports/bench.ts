/**
 * The owner's reports over HTTP on PGlite, against a real BFF process, for a tea shop selling about 3,000
 * orders a day for 30 days (seeded through the ingest path by `bff/src/seed/cli.ts`):
 * - a finished day's report the first time it is viewed (computed from its 3,000 orders) and once kept;
 * - today's live report while Meituan orders keep arriving;
 * - a 30-day range, the first time and once its days are kept.
 * Goals (issue 9): daily p99 ≤ 100 ms; 30-day range ≤ 500 ms.
 * Run with `node --import tsx test/bench/reports/bench.ts`; `BENCH_SMOKE=1` shrinks it to seconds.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { send, simulatorFor } from '@xiaodian/bff/simulator'
import { BffProcess, ROOT } from '../../support/bff-process'
import { percentile, record, size, smoke, summary } from '../lib'

const DAYS = size(30, 3)
const SCALE = size(43, 4)
const SAMPLES = size(200, 20)

function seed(dataDir: string): { orders: number; commands: number; ms: number; projectionMs: number } {
  const env = { ...process.env }
  delete env.DATABASE_URL
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'bff/src/seed/cli.ts'),
      '--data-dir',
      dataDir,
      '--store',
      'tea-01',
      '--days',
      String(DAYS),
      '--scale',
      String(SCALE),
      '--whole-today',
      '--no-warm',
    ],
    { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 1 << 24 },
  )
  if (r.status !== 0) throw new Error(`seeding failed: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string)
}

function stats(name: string, samples: number[], goalMs: number | undefined, extra = '') {
  const p50 = percentile(samples, 50)
  const p99 = percentile(samples, 99)
  record({ bench: 'reports', metric: `${name} p50${extra}`, value: p50, unit: 'ms' })
  record({
    bench: 'reports',
    metric: `${name} p99${extra} (${samples.length} requests)`,
    value: p99,
    unit: 'ms',
    ...(goalMs === undefined ? {} : { goal: `≤ ${goalMs} ms`, ok: p99 <= goalMs }),
  })
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xd-bench-reports-'))
  const seeded = seed(dataDir)
  record({
    bench: 'reports',
    metric: `seeded orders (${DAYS + 1} days, ingest path)`,
    value: seeded.orders,
    unit: 'orders',
  })
  record({ bench: 'reports', metric: 'seeding time (ingest path)', value: seeded.ms, unit: 'ms' })
  record({
    bench: 'reports',
    metric: 'report projection catch-up after seeding',
    value: seeded.projectionMs,
    unit: 'ms',
  })
  const bff = await BffProcess.start({ dataDir })
  try {
    const token = await bff.staffToken('tea-01', '9999')
    const get = async (q: string) => {
      const t0 = performance.now()
      const res = await fetch(`${bff.baseUrl}/api/stores/tea-01/reports/daily${q}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const body = (await res.json()) as { to: string; sales: { orders: number }; daily: unknown[] }
      if (res.status !== 200) throw new Error(`GET ${q} → ${res.status} ${JSON.stringify(body)}`)
      return { ms: performance.now() - t0, body }
    }
    // The tea shop's business day: Asia/Shanghai (UTC+8), cutoff 04:00. Today is asked for only after the
    // finished days, because following today warms the finished days in the background.
    const todayKey = new Date(Date.now() + 4 * 3_600_000).toISOString().slice(0, 10)
    const days = Array.from({ length: DAYS }, (_, i) => {
      const d = new Date(`${todayKey}T00:00:00Z`)
      d.setUTCDate(d.getUTCDate() - (i + 1))
      return d.toISOString().slice(0, 10)
    })

    // Finished days, first view: each is computed from its orders (and its week-earlier comparison day).
    const cold: number[] = []
    let perDay = 0
    for (const d of days) {
      const r = await get(`?day=${d}`)
      cold.push(r.ms)
      perDay = Math.max(perDay, r.body.sales.orders)
    }
    record({ bench: 'reports', metric: 'busiest seeded day', value: perDay, unit: 'orders' })
    stats('daily, finished day, first view', cold, 100)

    const kept: number[] = []
    for (let i = 0; i < SAMPLES; i++) kept.push((await get(`?day=${days[i % days.length]}`)).ms)
    stats('daily, finished day, kept', kept, 100)

    const today = (await get('')).body
    record({ bench: 'reports', metric: 'orders today', value: today.sales.orders, unit: 'orders' })

    // Today while Meituan pushes arrive (about 10 a second), each through the signed webhook.
    const sim = simulatorFor()
    let pushing = true
    let pushed = 0
    const pusher = (async () => {
      while (pushing) {
        await send(bff.baseUrl, sim.meituanOrder('tea-01', { orderId: `bench${Date.now()}${pushed}` }))
        pushed++
        await new Promise((r) => setTimeout(r, 100))
      }
    })()
    const live: number[] = []
    for (let i = 0; i < SAMPLES; i++) live.push((await get('')).ms)
    pushing = false
    await pusher
    stats('daily, today live', live, 100, ` with ${pushed} orders arriving`)

    const from = days.at(-1) as string
    const rangeFirst = await get(`?from=${from}&to=${today.to}`)
    record({
      bench: 'reports',
      metric: `${DAYS + 1}-day range, first view (comparison weeks computed)`,
      value: rangeFirst.ms,
      unit: 'ms',
    })
    const range: number[] = []
    for (let i = 0; i < size(50, 5); i++) range.push((await get(`?from=${from}&to=${today.to}`)).ms)
    stats(`${DAYS + 1}-day range`, range, 500)
  } finally {
    await bff.stop()
  }
  summary()
  if (smoke) console.log('(smoke size: figures are not meaningful)')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
