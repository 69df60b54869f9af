/**
 * Replication benchmark: a cold tablet database pushes 1,000 and 10,000 orders taken offline to a real
 * BFF process (PGlite, durable commits) over HTTP, and an empty tablet pulls 10,000. Run with
 * `node --import tsx test/bench/replication/bench.ts`; `BENCH_SMOKE=1` shrinks it to seconds.
 */
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { BffProcess } from '../../support/bff-process'
import { PickupBlocks, counterOrder, rng, uuidv7 } from '../../support/offline-orders'
import { serverOrders } from '../../support/store-api'
import { Tablet } from '../../support/tablet'
import { record, size, summary } from '../lib'

const DAY = '2026-11-23'
const BLOCK_NUMBERS = 99
const CLOCK_TICKS = 100

/**
 * CPU seconds used so far by the BFF process and by this (tablet) process. On a shared 2-core machine the
 * wall time says as much about the neighbours as about the code; CPU time says what the work costs.
 */
function cpu(bff: BffProcess): { bff: number; tablet: number } {
  const stat = readFileSync(`/proc/${bff.pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  const own = process.cpuUsage()
  return { bff: ticks / CLOCK_TICKS, tablet: (own.user + own.system) / 1e6 }
}

function recordCpu(label: string, before: { bff: number; tablet: number }, bff: BffProcess): void {
  const after = cpu(bff)
  record({ bench: 'replication', metric: `${label}: BFF CPU`, value: after.bff - before.bff, unit: 's' })
  record({ bench: 'replication', metric: `${label}: tablet CPU`, value: after.tablet - before.tablet, unit: 's' })
}

/** A tablet that has never replicated, holding `n` counter orders taken offline. */
async function coldTablet(bff: BffProcess, token: string, storeId: string, name: string, n: number) {
  const deviceId = `bench-${name}`
  const blocks = await PickupBlocks.register(bff.baseUrl, token, storeId, deviceId, Math.ceil(n / BLOCK_NUMBERS), DAY)
  const tablet = await Tablet.open({ name, deviceId, storeId, baseUrl: () => bff.baseUrl, token, online: false })
  const random = rng(n)
  const t0 = Date.now()
  const orders = Array.from({ length: n }, (_, i) =>
    counterOrder({
      id: uuidv7(t0 + i),
      storeId,
      businessDay: DAY,
      pickupNumber: blocks.next(DAY),
      device: deviceId,
      at: t0 + i,
      random,
    }),
  )
  await tablet.orders.bulkInsert(orders)
  return tablet
}

async function push(bff: BffProcess, token: string, storeId: string, n: number, goalMs?: number) {
  const tablet = await coldTablet(bff, token, storeId, `push-${n}`, n)
  const cpu0 = cpu(bff)
  const t0 = performance.now()
  await tablet.goOnline()
  await tablet.replication.awaitInSync()
  const ms = performance.now() - t0
  recordCpu(`push ${n}`, cpu0, bff)
  const onServer = (await serverOrders(bff.baseUrl, token, storeId)).size
  if (onServer < n) throw new Error(`only ${onServer} of ${n} orders reached the BFF`)
  record({
    bench: 'replication',
    metric: `push ${n} offline orders (cold tablet → BFF)`,
    value: ms,
    unit: 'ms',
    ...(goalMs ? { goal: `< ${goalMs} ms`, ok: ms < goalMs } : {}),
  })
  record({ bench: 'replication', metric: `push ${n}: throughput`, value: (n / ms) * 1000, unit: 'orders/s' })
  record({
    bench: 'replication',
    metric: `push ${n}: HTTP push requests`,
    value: tablet.stats.pushRequests,
    unit: 'requests',
  })
  await tablet.close()
}

async function pull(bff: BffProcess, token: string, storeId: string, n: number, goalMs: number) {
  const tablet = await Tablet.open({
    name: 'pull',
    deviceId: 'bench-pull',
    storeId,
    baseUrl: () => bff.baseUrl,
    token,
    online: false,
  })
  const cpu0 = cpu(bff)
  const t0 = performance.now()
  await tablet.goOnline()
  await tablet.replication.awaitInSync()
  const ms = performance.now() - t0
  recordCpu(`pull ${n}`, cpu0, bff)
  const held = await tablet.orders.count().exec()
  if (held !== n) throw new Error(`the tablet holds ${held} orders, expected ${n}`)
  record({
    bench: 'replication',
    metric: `pull ${n} orders into an empty tablet`,
    value: ms,
    unit: 'ms',
    goal: `< ${goalMs} ms`,
    ok: ms < goalMs,
  })
  record({ bench: 'replication', metric: `pull ${n}: throughput`, value: (n / ms) * 1000, unit: 'orders/s' })
  record({
    bench: 'replication',
    metric: `pull ${n}: HTTP pull requests`,
    value: tablet.stats.pullRequests,
    unit: 'requests',
  })
  await tablet.close()
}

async function main() {
  const cores = availableParallelism()
  const loadBefore = loadavg()[0] ?? 0
  const bff = await BffProcess.start()
  try {
    const tea = await bff.staffToken('tea-01', '1111')
    const wash = await bff.staffToken('wash-01', '2222')
    const small = size(1000, 100)
    const large = size(10_000, 500)
    await push(bff, tea, 'tea-01', small)
    await push(bff, wash, 'wash-01', large, 15_000)
    await pull(bff, wash, 'wash-01', large, 10_000)
  } finally {
    await bff.stop()
  }
  record({
    bench: 'replication',
    metric: `load average per core (${cores} cores), start → end`,
    value: loadBefore / cores,
    unit: `→ ${((loadavg()[0] ?? 0) / cores).toFixed(2)}`,
  })
  summary()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
