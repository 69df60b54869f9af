/**
 * Shared helpers for the benchmarks under test/bench. Each benchmark is `test/bench/<name>/bench.ts`,
 * run with `tsx`. `BENCH_SMOKE=1` (set by `npm test`) shrinks every size so the benchmark runs in
 * seconds and cannot rot; `npm run bench` runs the full sizes and prints the figures.
 */
import { performance } from 'node:perf_hooks'

/** True when the benchmark should run at its seconds-long smoke size. */
export const smoke: boolean = process.env.BENCH_SMOKE === '1'

/** Picks the full or smoke size. */
export function size(full: number, smokeSize: number): number {
  return smoke ? smokeSize : full
}

/** The p-th percentile (0–100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

/** Runs `fn` `n` times after `warmup` runs and returns each run's duration in ms. */
export async function timeRuns(n: number, fn: (i: number) => unknown, warmup = Math.min(50, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn(i)
    out.push(performance.now() - t0)
  }
  return out
}

export interface BenchRow {
  bench: string
  metric: string
  value: number
  unit: string
  goal?: string
  /** Whether the goal was met, when there is one. */
  ok?: boolean
}

const rows: BenchRow[] = []

/** Records and prints one figure. */
export function record(row: BenchRow): void {
  rows.push(row)
  const goal = row.goal ? `  goal ${row.goal} ${row.ok === undefined ? '' : row.ok ? 'MET' : 'MISSED'}` : ''
  console.log(`[${row.bench}] ${row.metric}: ${round(row.value)} ${row.unit}${goal}`)
}

/** Prints every recorded figure as one JSON line, for tools to pick up. */
export function summary(): void {
  console.log(`BENCH_JSON ${JSON.stringify({ smoke, rows })}`)
}

function round(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3)
}
