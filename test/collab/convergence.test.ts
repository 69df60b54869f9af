import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CART_LINE_NOT_AUTHOR, COLLAB_CLOSE } from '@xiaodian/shared'
import { CollabBff, freshSchemaUrl, waitFor } from './bff-process'
import { YjsMember } from './yjs-member'

interface Cart {
  cartId: string
  docName: string
  inviteToken: string
}

type Person = { token: string; openid: string }

async function startCart(bff: CollabBff, host: Person, guests: Person[]): Promise<Cart> {
  const created = await bff.post<Cart>('/api/stores/tea-01/carts', {}, host.token)
  expect(created.status).toBe(201)
  for (const g of guests) {
    const joined = await bff.post(
      `/api/stores/tea-01/carts/${created.body.cartId}/join`,
      { invite: created.body.inviteToken },
      g.token,
    )
    expect(joined.status).toBe(200)
  }
  return created.body
}

const identical = (members: YjsMember[]) => {
  const [first, ...rest] = members.map((m) => ({
    sv: Y.encodeStateVector(m.doc).join(),
    lines: JSON.stringify(m.snapshot()),
  }))
  return rest.every((r) => r.sv === first!.sv && r.lines === first!.lines)
}

describe('group cart convergence through a restarted BFF', () => {
  let bff: CollabBff
  const members: YjsMember[] = []

  beforeAll(async () => {
    bff = await CollabBff.start()
  })
  afterAll(async () => {
    for (const m of members) m.destroy()
    await bff.dispose()
  })

  it('three y-websocket clients, two offline for a while and the BFF restarted, end identical with every edit', async () => {
    const [alice, bob, carol] = await Promise.all([
      bff.consumer('conv-alice', '小王'),
      bff.consumer('conv-bob', '小李'),
      bff.consumer('conv-carol', '小张'),
    ])
    const cart = await startCart(bff, alice!, [bob!, carol!])
    const a = new YjsMember(bff.collabUrl, cart.docName, alice!.openid, alice!.token)
    const b = new YjsMember(bff.collabUrl, cart.docName, bob!.openid, bob!.token)
    const c = new YjsMember(bff.collabUrl, cart.docName, carol!.openid, carol!.token)
    members.push(a, b, c)
    await waitFor('all synced', () => a.synced && b.synced && c.synced)

    // What every replica must hold at the end: line id → author and quantity.
    const expected = new Map<string, { author: string; quantity: number }>()
    const add = (m: YjsMember, id: string, qty: number) => {
      m.add(id, 'americano', qty)
      expected.set(id, { author: m.openid, quantity: qty })
    }
    const setQty = (m: YjsMember, id: string, qty: number) => {
      m.set(id, 'quantity', qty)
      expected.set(id, { author: m.openid, quantity: qty })
    }
    const remove = (m: YjsMember, id: string) => {
      m.remove(id)
      expected.delete(id)
    }

    // Online: everyone sees everyone's lines, and who is choosing.
    for (const [m, p] of [
      [a, 'a'],
      [b, 'b'],
      [c, 'c'],
    ] as const) {
      add(m, `${p}1`, 1)
      add(m, `${p}2`, 2)
      m.provider.awareness.setLocalStateField('user', { openid: m.openid, choosing: 'pearl-milk-tea' })
    }
    await waitFor('online edits everywhere', () => [a, b, c].every((m) => m.lines.size === 6))
    await waitFor('presence of all three', () => a.provider.awareness.getStates().size === 3)

    // Bob and Carol lose the network and keep editing.
    b.provider.disconnect()
    c.provider.disconnect()
    add(b, 'b3', 3)
    setQty(b, 'b1', 4)
    remove(c, 'c2')
    add(c, 'c3', 1)
    add(a, 'a3', 5)
    await waitFor('alice stored a3', () => a.synced)

    // The BFF restarts in the middle; Bob edits while it is down; Alice reconnects by herself.
    const down = bff.restart()
    add(b, 'b4', 1)
    await down
    await waitFor('alice reconnected', () => a.synced && a.provider.wsconnected)
    setQty(a, 'a1', 9)
    remove(a, 'a2')
    add(c, 'c4', 2)
    setQty(c, 'c1', 7)

    b.provider.connect()
    c.provider.connect()
    await waitFor('three identical documents', () => b.synced && c.synced && identical([a, b, c]))
    const want = Object.fromEntries([...expected].sort(([x], [y]) => (x < y ? -1 : 1)))
    for (const m of [a, b, c]) {
      const got = Object.fromEntries(
        Object.entries(m.snapshot()).map(([id, l]) => [id, { author: l.author, quantity: l.quantity }]),
      )
      expect(got).toEqual(want)
    }
    expect(Object.keys(want)).toHaveLength(9)

    // The document survives another restart: a fresh replica of Alice loads every line from storage.
    await bff.restart()
    const fresh = new YjsMember(bff.collabUrl, cart.docName, alice!.openid, alice!.token)
    members.push(fresh)
    await waitFor('fresh replica synced', () => fresh.synced && fresh.lines.size === 9)
    expect(fresh.snapshot()).toEqual(a.snapshot())

    // At lock time, a line changed by someone other than its author is refused with a clear error.
    await waitFor('everyone back after the second restart', () => [a, b, c].every((m) => m.synced))
    c.set('a1', 'quantity', 1)
    await waitFor('carol’s change everywhere', () => a.lines.get('a1')?.get('quantity') === 1)
    const refused = await bff.post<{ error: { code: string; message: string; violations: unknown[] } }>(
      `/api/stores/tea-01/carts/${cart.cartId}/lock`,
      { payMode: 'each' },
      alice!.token,
    )
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe(CART_LINE_NOT_AUTHOR)
    expect(refused.body.error.message).toBe("line a1 of 小王 was changed by 小张: only a line's author may change it")
    // Alice writes her line again; the host's lock now places one order every member sees.
    a.set('a1', 'quantity', 9)
    await waitFor('alice’s fix stored', () => c.lines.get('a1')?.get('quantity') === 9)
    const locked = await bff.post<{ orderId: string; amounts: { totalFen: number } }>(
      `/api/stores/tea-01/carts/${cart.cartId}/lock`,
      { payMode: 'each' },
      alice!.token,
    )
    expect(locked.body).toMatchObject({ orderId: expect.any(String) })
    await waitFor('everyone sees the order', () =>
      [a, b, c].every((m) => m.doc.getMap('meta').get('orderId') === locked.body.orderId),
    )
  })

  it('refuses an unauthorised client with a close code and reason, and it stops retrying', async () => {
    const [host, stranger] = await Promise.all([bff.consumer('conv-host2', '甲'), bff.consumer('conv-stranger', '乙')])
    const cart = await startCart(bff, host, [])
    const s = new YjsMember(bff.collabUrl, cart.docName, stranger.openid, stranger.token)
    const nobody = new YjsMember(bff.collabUrl, cart.docName, 'x', 'not-a-token')
    members.push(s, nobody)
    await waitFor('both refused', () => s.closed !== undefined && nobody.closed !== undefined)
    expect(s.closed).toEqual({
      code: COLLAB_CLOSE.FORBIDDEN,
      reason: 'not a member of this cart: open the invite link first',
    })
    expect(nobody.closed?.code).toBe(COLLAB_CLOSE.UNAUTHENTICATED)
    expect(s.provider.shouldConnect).toBe(false)
    expect(s.synced).toBe(false)
  })
})

const pgBase = process.env.DATABASE_URL
if (pgBase) {
  describe('two BFF processes on one PostgreSQL schema', () => {
    const procs: CollabBff[] = []
    const members: YjsMember[] = []
    afterAll(async () => {
      for (const m of members) m.destroy()
      for (const p of procs) await p.dispose()
    })

    it('relays an update (and presence) made through one process to a client of the other', async () => {
      const url = await freshSchemaUrl(pgBase)
      const one = await CollabBff.start({ databaseUrl: url })
      procs.push(one)
      const two = await CollabBff.start({ databaseUrl: url })
      procs.push(two)
      const [alice, bob] = await Promise.all([one.consumer('pg-alice', '小王'), one.consumer('pg-bob', '小李')])
      const cart = await startCart(one, alice, [bob])
      const a = new YjsMember(one.collabUrl, cart.docName, alice.openid, alice.token)
      const b = new YjsMember(two.collabUrl, cart.docName, bob.openid, bob.token)
      members.push(a, b)
      await waitFor('both synced', () => a.synced && b.synced)
      const t0 = Date.now()
      a.add('a1', 'americano', 1)
      await waitFor('alice’s line on the other process', () => b.lines.get('a1')?.get('quantity') === 1, 5000)
      const relayMs = Date.now() - t0
      b.add('b1', 'americano', 2)
      await waitFor('bob’s line back on the first', () => a.lines.size === 2, 5000)
      expect(identical([a, b])).toBe(true)
      expect(relayMs).toBeLessThan(2000)
      // Presence crosses processes too (its own NOTIFY channel).
      a.provider.awareness.setLocalStateField('user', { openid: alice.openid, choosing: 'americano' })
      await waitFor(
        'alice’s presence on the other process',
        () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.choosing === 'americano',
      )
    })
  })
}
