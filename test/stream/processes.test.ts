import { simulatorFor, send } from '@xiaodian/bff/simulator'
import { describe, expect, it } from 'vitest'
import { BffProcess } from '../support/bff-process'
import { processStorages } from '../support/pg'
import { SseFollower } from '../support/sse-client'

const sim = simulatorFor()

describe('several BFF processes', () => {
  it('refuses a second process on the same PGlite directory (one process owns embedded Postgres)', async () => {
    const a = await BffProcess.start()
    try {
      await expect(BffProcess.start({ dataDir: a.dataDir })).rejects.toThrow(/in use by process/)
    } finally {
      expect(await a.stop()).toBe(0)
    }
    // After a crash the stale lock is taken over.
    const b = await BffProcess.start({ dataDir: a.dataDir })
    await b.kill()
    await b.restart()
    expect(await b.stop()).toBe(0)
  })

  for (const storage of processStorages().filter((s) => s.name === 'postgres')) {
    it('share one stream on PostgreSQL: a webhook into one reaches an SSE client of the other within 1 s', async () => {
      const databaseUrl = (await storage.databaseUrl()) as string
      const a = await BffProcess.start({ databaseUrl })
      const b = await BffProcess.start({ databaseUrl })
      const staff = await b.staffToken()
      const follower = new SseFollower(
        () => `${b.baseUrl}/api/stores/tea-01/stream`,
        async () => staff,
      )
      try {
        await new Promise((r) => setTimeout(r, 500))
        const latencies: number[] = []
        for (let i = 0; i < 5; i++) {
          const before = follower.events.length
          const t0 = performance.now()
          const r = await send(a.baseUrl, sim.meituanOrder('tea-01', { orderId: `77000${i}` }))
          expect(r.status).toBe(200)
          await follower.waitFor(before + 1, 1000)
          latencies.push(performance.now() - t0)
        }
        expect(follower.events.map((e) => e.orderId)).toEqual([0, 1, 2, 3, 4].map((i) => `meituan-77000${i}`))
        expect(Math.max(...latencies)).toBeLessThan(1000)
      } finally {
        follower.close()
        await a.stop()
        await b.stop()
      }
    })

    it('refuse on one process a WeChat Pay notification replayed from another (the nonce is shared)', async () => {
      const databaseUrl = (await storage.databaseUrl()) as string
      const a = await BffProcess.start({ databaseUrl })
      const b = await BffProcess.start({ databaseUrl })
      try {
        const paid = sim.wechatPaid('tea-01', 'replay-probe-1', 1500)
        expect((await send(a.baseUrl, paid)).status).toBe(200)
        const replayed = await send(b.baseUrl, paid)
        expect(replayed.status).toBe(401)
        expect(JSON.parse(replayed.text)).toMatchObject({ code: 'FAIL', error: { code: 'NONCE_REPLAYED' } })
        // A fresh notification (new nonce) for the same payment is still taken by either process.
        expect((await send(b.baseUrl, sim.wechatPaid('tea-01', 'replay-probe-1', 1500))).status).toBe(200)
      } finally {
        await a.stop()
        await b.stop()
      }
    })
  }
})
