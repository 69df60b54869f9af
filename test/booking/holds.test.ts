import { afterAll, describe, expect, it } from 'vitest'
import { BffProcess } from '../support/bff-process'
import { processStorages } from '../support/pg'
import { client, dayKey, shanghai } from './flows'

const W = '/api/stores/wash-01/booking'
const RACERS = 200

for (const storage of processStorages()) {
  describe(`booking holds against a real BFF on ${storage.name}`, () => {
    let bff: BffProcess
    const api = client(() => bff)
    afterAll(async () => {
      await bff?.stop()
    })

    it(`[BKG-4] ${RACERS} concurrent holds for the last free bay: exactly one succeeds, the rest get 409`, async () => {
      const url = await storage.databaseUrl()
      bff = await BffProcess.start(url ? { databaseUrl: url } : {})
      // Tomorrow 10:00: three of the four bays are taken by earlier customers, one is left.
      const start = shanghai(1, 10)
      for (let i = 0; i < 3; i++) {
        const token = await api.consumer(`early-bird-${storage.name}-${i}`)
        const r = await api.call('POST', `${W}/holds`, { serviceId: 'basic-wash', start }, token)
        expect(r.status).toBe(201)
      }
      const before = await api.call('GET', `${W}/availability?serviceId=basic-wash&date=${dayKey(1)}`)
      expect(before.body.slots.find((x: { start: number }) => x.start === start)?.free).toBe(1)

      const tokens = await Promise.all(
        Array.from({ length: RACERS }, (_, i) => api.consumer(`racer-${storage.name}-${i}`)),
      )
      const answers = await Promise.all(
        tokens.map((token) => api.call('POST', `${W}/holds`, { serviceId: 'basic-wash', start }, token)),
      )
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 201)).toHaveLength(1)
      expect(statuses.filter((s) => s === 409)).toHaveLength(RACERS - 1)
      const refused = answers.filter((a) => a.status === 409)
      expect(new Set(refused.map((a) => a.body.error.code))).toEqual(new Set(['SLOT_TAKEN']))
      // Each refusal offers other starts, never the taken one.
      expect(refused.every((a) => a.body.error.nearest.length > 0)).toBe(true)
      expect(refused.some((a) => a.body.error.nearest.some((x: { start: number }) => x.start === start))).toBe(false)

      const after = await api.call('GET', `${W}/availability?serviceId=basic-wash&date=${dayKey(1)}`)
      expect(after.body.slots.find((x: { start: number }) => x.start === start)).toBeUndefined()
      const staff = await bff.staffToken('wash-01', '2222')
      const day = await api.call('GET', `${W}/bookings?date=${dayKey(1)}`, undefined, staff)
      const held = day.body.bookings.filter((b: { start: number; status: string }) => b.start === start)
      expect(held.map((b: { resourceId: string }) => b.resourceId).sort()).toEqual(['bay-1', 'bay-2', 'bay-3', 'bay-4'])
    })
  })
}
