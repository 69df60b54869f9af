import type { OrderEvent } from '@xiaodian/domain'
import { describe, expect, it } from 'vitest'
import { type MoveQueueClock, createMoveQueue } from './move-queue'

function fakeClock() {
  let now = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  let next = 1
  const clock: MoveQueueClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn })
      return next++
    },
    clearTimeout: (h) => void timers.delete(h as number),
  }
  const advance = async (ms: number) => {
    now += ms
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id)
        t.fn()
      }
    }
    await new Promise((r) => setTimeout(r, 0))
  }
  return { clock, advance }
}

const recorder = (written: string[]) => async (id: string, e: OrderEvent) => {
  written.push(`${id}:${e.type}`)
  return null
}

const ev = (type: 'accepted' | 'ready'): OrderEvent => ({ type, at: 1, by: 'd' })

describe('undo on the board', () => {
  it('holds the last move for the undo window, then writes it', async () => {
    const { clock, advance } = fakeClock()
    const written: string[] = []
    const q = createMoveQueue(recorder(written), { delayMs: 5000, clock })
    await q.propose('o1', 'accept', ev('accepted'))
    expect(q.store.getState().pending).toMatchObject({ orderId: 'o1', kind: 'accept', dueAt: 5000 })
    await advance(4999)
    expect(written).toEqual([])
    await advance(1)
    expect(written).toEqual(['o1:accepted'])
    expect(q.store.getState().pending).toBeNull()
  })

  it('drops an undone move, and writes a previous move as soon as a new one is made', async () => {
    const { clock, advance } = fakeClock()
    const written: string[] = []
    const q = createMoveQueue(recorder(written), { delayMs: 5000, clock })
    await q.propose('o1', 'accept', ev('accepted'))
    expect(q.undo()).toBe(true)
    expect(q.undo()).toBe(false)
    await advance(10_000)
    expect(written).toEqual([])

    await q.propose('o1', 'accept', ev('accepted'))
    await q.propose('o2', 'ready', ev('ready'))
    expect(written).toEqual(['o1:accepted'])
    await q.flush()
    expect(written).toEqual(['o1:accepted', 'o2:ready'])
  })

  it('reports a refused write', async () => {
    const { clock } = fakeClock()
    const q = createMoveQueue(async () => '订单不能从 cancelled 变为 ready', { clock })
    await q.propose('o1', 'ready', ev('ready'))
    await q.flush()
    expect(q.store.getState().error).toBe('订单不能从 cancelled 变为 ready')
  })
})
