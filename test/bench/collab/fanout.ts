/**
 * Fan-out: `docs` group carts with `perDoc` members each, every member editing its own line once a
 * second (staggered) for `seconds`. The latency of one delivery is from the edit on the sender to the
 * change being applied on another member's replica, all in this process (one clock).
 */
import { performance } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { type CollabBff, type SchedStat, readSchedstat, waitFor } from '../../collab/bff-process'
import { YjsMember } from '../../collab/yjs-member'

export interface FanoutResult {
  samples: number[]
  expected: number
  connectMs: number
  rssAfterConnect: number
  rssPeak: number
  edits: number
  /** Main threads during the edits: ms on a CPU and ms waiting for one (a busy machine shows here). */
  bff: { runMs: number; waitMs: number }
  bench: { runMs: number; waitMs: number }
  seconds: number
}

const delta = (a: SchedStat, b: SchedStat) => ({
  runMs: (b.runNs - a.runNs) / 1e6,
  waitMs: (b.waitNs - a.waitNs) / 1e6,
})

const CONNECT_CHUNK = 50

/** Runs the fan-out load against a started BFF. */
export async function fanout(bff: CollabBff, docs: number, perDoc: number, seconds: number): Promise<FanoutResult> {
  // A few people host and join every cart, so sign-ins stay within the API's per-caller rate limits.
  const people = await Promise.all(Array.from({ length: perDoc }, (_, i) => bff.consumer(`fanout-${i}`, `成员${i}`)))
  const host = people[0]!
  const carts: string[] = []
  for (let d = 0; d < docs; d++) {
    const created = await bff.post<{ cartId: string; docName: string; inviteToken: string }>(
      '/api/stores/tea-01/carts',
      {},
      host.token,
    )
    if (created.status !== 201) throw new Error(`cart ${d}: ${created.status}`)
    const { cartId, docName, inviteToken } = created.body
    await Promise.all(
      people.slice(1).map((p) => bff.post(`/api/stores/tea-01/carts/${cartId}/join`, { invite: inviteToken }, p.token)),
    )
    carts.push(docName)
  }

  const sentAt = new Map<string, number>()
  const samples: number[] = []
  const members: YjsMember[][] = []
  const t0 = performance.now()
  for (let d = 0; d < docs; d++) {
    const row = people.map((p) => new YjsMember(bff.collabUrl, carts[d]!, p.openid, p.token))
    members.push(row)
    row.forEach((m, k) => {
      m.add(`m${k}`, 'americano', 1)
      m.lines.observeDeep((events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
        if (tr.origin !== m.provider) return
        const now = performance.now()
        for (const ev of events) {
          const note = ev.changes.keys.has('note') ? (ev.target as Y.Map<unknown>).get('note') : undefined
          const sent = typeof note === 'string' ? sentAt.get(`${d}:${note}`) : undefined
          if (sent !== undefined) samples.push(now - sent)
        }
      })
    })
    if ((d + 1) % Math.max(1, Math.floor(CONNECT_CHUNK / perDoc)) === 0 || d === docs - 1) {
      await waitFor('members connected', () => members.every((r) => r.every((m) => m.synced)), 60_000)
    }
  }
  await waitFor('every line everywhere', () => members.every((r) => r.every((m) => m.lines.size === perDoc)), 60_000)
  const connectMs = performance.now() - t0
  const rssAfterConnect = await bff.rssBytes()

  let rssPeak = rssAfterConnect
  const rssTimer = setInterval(() => {
    bff
      .rssBytes()
      .then((v) => {
        rssPeak = Math.max(rssPeak, v)
      })
      .catch(() => {})
  }, 1000)
  const [bff0, self0] = await Promise.all([bff.schedstat(), readSchedstat('/proc/self/schedstat')])
  let edits = 0
  const timers: NodeJS.Timeout[] = []
  const end = performance.now() + seconds * 1000
  for (const [d, row] of members.entries()) {
    for (const [k, m] of row.entries()) {
      let seq = 0
      const edit = () => {
        if (performance.now() >= end) return
        seq++
        const note = `${k}:${seq}`
        sentAt.set(`${d}:${note}`, performance.now())
        m.set(`m${k}`, 'note', note)
        edits++
      }
      // Staggered over the first second so the load is steady, as real phones are.
      const start = setTimeout(() => {
        edit()
        timers.push(setInterval(edit, 1000))
      }, Math.random() * 1000)
      timers.push(start)
    }
  }
  await new Promise((r) => setTimeout(r, seconds * 1000 + 2000))
  const [bff1, self1] = await Promise.all([bff.schedstat(), readSchedstat('/proc/self/schedstat')])
  for (const t of timers) clearInterval(t)
  clearInterval(rssTimer)
  const expected = edits * (perDoc - 1)
  for (const row of members) for (const m of row) m.destroy()
  return {
    samples,
    expected,
    connectMs,
    rssAfterConnect,
    rssPeak,
    edits,
    bff: delta(bff0, bff1),
    bench: delta(self0, self1),
    seconds: seconds + 2,
  }
}
