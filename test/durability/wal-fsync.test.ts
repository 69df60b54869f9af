import { createReadStream, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { simulatorFor, send } from '@xiaodian/bff/simulator'
import { describe, expect, it } from 'vitest'
import { BffProcess } from '../support/bff-process'

const REQUESTS = 200
const sim = simulatorFor()

interface Trace {
  /** End time of each WAL pwrite64, with the bytes it wrote (as strace prints them). */
  walWrites: { end: number; data: string }[]
  /** Start and end of each fsync/fdatasync of a WAL segment or of pg_wal itself. */
  walSyncs: { start: number; end: number }[]
  /** Start time of each HTTP response write, by request id. */
  responses: Map<string, number>
}

const LINE = /^(\d+)\s+(\d+\.\d+) (pwrite64|fsync|fdatasync|write|writev)\((\d+)<([^>]*)>(.*)$/
const RESUMED = /^(\d+)\s+(\d+\.\d+) <\.\.\. (\w+) resumed>.*<(\d+\.\d+)>$/
const DURATION = /<(\d+\.\d+)>$/

/** Reads an `strace -f -y -ttt -T` trace: WAL writes, WAL flushes and HTTP responses, with their times. */
async function readTrace(file: string): Promise<Trace> {
  const trace: Trace = { walWrites: [], walSyncs: [], responses: new Map() }
  const pending = new Map<string, { call: string; path: string; start: number; rest: string }>()
  const take = (call: string, file: string, start: number, end: number, rest: string) => {
    const isWal = file.includes('/pg_wal')
    if (call === 'pwrite64' && isWal) trace.walWrites.push({ end, data: rest })
    else if ((call === 'fsync' || call === 'fdatasync') && isWal) trace.walSyncs.push({ start, end })
    else if ((call === 'write' || call === 'writev') && rest.includes('HTTP/1.1 ')) {
      const id = /x-request-id: ([\w-]+)/i.exec(rest)?.[1]
      if (id && !trace.responses.has(id)) trace.responses.set(id, start)
    }
  }
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    const m = LINE.exec(line)
    if (m) {
      const [, pid, t, call, , file, rest] = m as unknown as [string, string, string, string, string, string, string]
      if (rest.endsWith('<unfinished ...>')) {
        pending.set(`${pid}:${call}`, { call, path: file, start: Number(t), rest })
        continue
      }
      const d = DURATION.exec(rest)
      take(call, file, Number(t), Number(t) + (d ? Number(d[1]) : 0), rest)
      continue
    }
    const r = RESUMED.exec(line)
    if (r) {
      const [, pid, , call, d] = r as unknown as [string, string, string, string, string]
      const p = pending.get(`${pid}:${call}`)
      if (p) {
        pending.delete(`${pid}:${call}`)
        // The resumed line is printed when the call returns; -T is its whole time from the start.
        take(call, p.path, p.start, p.start + Number(d), p.rest + line)
      }
    }
  }
  return trace
}

describe('durable acknowledgement on PGlite', () => {
  it(`fsyncs the WAL after each acknowledged request's WAL write and before its response, with fewer flushes than requests`, async () => {
    if (!existsSync('/usr/bin/strace')) throw new Error('strace missing: npm test installs the Debian package')
    // Create the schema first, outside the trace: the traced run then only serves requests.
    const first = await BffProcess.start({ env: { DURABLE: '1' } })
    await first.stop()
    const traceFile = path.join(mkdtempSync(path.join(tmpdir(), 'xd-strace-')), 'trace.txt')
    const bff = await BffProcess.start({
      dataDir: first.dataDir,
      env: { DURABLE: '1' },
      wrapper: [
        'strace',
        '--seccomp-bpf',
        '-f',
        '-y',
        '-ttt',
        '-T',
        '-s',
        '262144',
        '-e',
        'trace=pwrite64,fsync,fdatasync,write,writev',
        '-o',
        traceFile,
      ],
    })
    const ids = Array.from({ length: REQUESTS }, (_, i) => `9876${String(i).padStart(5, '0')}`)
    const acked: string[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < ids.length) {
          const id = ids[next++] as string
          const push = sim.meituanOrder('tea-01', { orderId: id })
          const res = await send(bff.baseUrl, { ...push, headers: { ...push.headers, 'x-request-id': `dur-${id}` } })
          if (res.status === 200) acked.push(id)
        }
      }),
    )
    await bff.stop()
    expect(acked.length).toBe(REQUESTS)

    const trace = await readTrace(traceFile)
    const problems: string[] = []
    for (const id of acked) {
      const respondedAt = trace.responses.get(`dur-${id}`)
      const written = trace.walWrites.find((w) => w.data.includes(id))
      if (respondedAt === undefined || written === undefined) {
        problems.push(`${id}: ${respondedAt === undefined ? 'no response' : 'no WAL write'} in the trace`)
        continue
      }
      const flushed = trace.walSyncs.some((s) => s.start >= written.end && s.end <= respondedAt)
      if (!flushed) problems.push(`${id}: no WAL fsync between its WAL write and its response`)
    }
    expect(problems).toEqual([])
    // Group commit: concurrent requests share flushes.
    expect(trace.walSyncs.length).toBeGreaterThan(0)
    expect(trace.walSyncs.length).toBeLessThan(REQUESTS)
    console.log(`durability: ${REQUESTS} acknowledged requests, ${trace.walSyncs.length} WAL flushes`)
  }, 300_000)
})
