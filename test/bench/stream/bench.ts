/**
 * Order stream fan-out: 200 SSE subscribers, 100 events/s. The BFF's events come from real Meituan pushes
 * through the one ingest path. Publish-to-receive runs from the moment the event is published — for the
 * BFF, when the webhook is acknowledged (committed and on disk); for the bare server, when it writes —
 * to its receipt by each subscriber. Baseline in the same run: a bare node:http SSE server (encode once,
 * write to all). Goal: BFF p99 ≤ 2× the baseline's. The webhook-to-tablet time is printed beside it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { simulatorFor, send } from '@xiaodian/bff/simulator'
import { BffProcess, ROOT } from '../../support/bff-process'
import { percentile, record, size, summary } from '../lib'

const SUBSCRIBERS = size(200, 20)
const RATE = size(100, 20)
const EVENTS = size(1500, 60)
const sim = simulatorFor()

/** Opens `n` SSE streams and records, per received event, its receipt time and the frame's key. */
async function subscribe(url: string, n: number, headers: Record<string, string>, expected: number) {
  const receipts: { key: string; at: number }[] = []
  let received = 0
  const done = new Promise<void>((resolve) => {
    const check = () => (received >= expected * n ? resolve() : undefined)
    for (let c = 0; c < n; c++) {
      void (async () => {
        const res = await fetch(url, { headers })
        const reader = res.body!.getReader()
        const dec = new TextDecoder()
        let buf = ''
        for (;;) {
          // The server going away at the end of a run ends the stream.
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }))
          if (done) return
          buf += dec.decode(value, { stream: true })
          let i = buf.indexOf('\n\n')
          while (i >= 0) {
            const frame = buf.slice(0, i)
            buf = buf.slice(i + 2)
            const k = frame.indexOf('"orderId":"')
            const at = frame.indexOf('"at":')
            if (k >= 0 || at >= 0) {
              const key = k >= 0 ? frame.slice(k + 11, frame.indexOf('"', k + 11)) : frame.slice(at + 5, at + 20)
              receipts.push({ key, at: Date.now() })
              received++
              check()
            }
            i = buf.indexOf('\n\n')
          }
        }
      })()
    }
  })
  return { receipts, done, received: () => received }
}

async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const port = 30000 + Math.floor(Math.random() * 20000)
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'bare-server.ts'), String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  await new Promise<void>((r) => child.stdout?.on('data', () => r()))
  return { url: `http://127.0.0.1:${port}`, child }
}

function report(name: string, lat: number[]) {
  record({ bench: 'stream', metric: `${name} p50`, value: percentile(lat, 50), unit: 'ms' })
  record({ bench: 'stream', metric: `${name} p99`, value: percentile(lat, 99), unit: 'ms' })
  return percentile(lat, 99)
}

async function main() {
  const bare = await startBare()
  const b = await subscribe(`${bare.url}/stream`, SUBSCRIBERS, {}, EVENTS)
  await new Promise((r) => setTimeout(r, 500))
  await fetch(`${bare.url}/publish?n=${EVENTS}&rate=${RATE}`, { method: 'POST' })
  await b.done
  const bareP99 = report(
    `bare node:http SSE, ${SUBSCRIBERS} subscribers × ${RATE}/s`,
    b.receipts.map((r) => r.at - Number.parseInt(r.key, 10)),
  )
  bare.child.kill()

  const bff = await BffProcess.start({ env: { DURABLE: '1' } })
  const token = await bff.staffToken()
  const s = await subscribe(
    `${bff.baseUrl}/api/stores/tea-01/stream`,
    SUBSCRIBERS,
    { authorization: `Bearer ${token}` },
    EVENTS,
  )
  await new Promise((r) => setTimeout(r, 1000))
  const pushes = Array.from({ length: EVENTS }, (_, i) =>
    sim.meituanOrder('tea-01', { orderId: `31${Date.now()}${i}` }),
  )
  const t0 = Date.now()
  const sent = new Map<string, number>()
  const acked = new Map<string, number>()
  const sends: Promise<unknown>[] = []
  for (let i = 0; i < EVENTS; i++) {
    const due = t0 + (i * 1000) / RATE
    const wait = due - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    const p = pushes[i]!
    const key = `meituan-${p.orderId}`
    sent.set(key, Date.now())
    sends.push(send(bff.baseUrl, p).then(() => acked.set(key, Date.now())))
  }
  await Promise.all(sends)
  await s.done
  // The stream may deliver an event before the webhook's own answer arrives: that counts as 0 ms.
  const bffP99 = report(
    `BFF order stream (from acknowledgement), ${SUBSCRIBERS} subscribers × ${RATE}/s`,
    s.receipts.map((r) => Math.max(0, r.at - (acked.get(r.key) ?? r.at))),
  )
  report(
    `webhook sent → tablet received`,
    s.receipts.map((r) => r.at - (sent.get(r.key) ?? r.at)),
  )
  record({
    bench: 'stream',
    metric: 'BFF p99 ÷ bare p99',
    value: bffP99 / Math.max(1, bareP99),
    unit: '×',
    goal: '≤ 2×',
    ok: bffP99 <= 2 * Math.max(1, bareP99),
  })
  await bff.stop()
  summary()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
