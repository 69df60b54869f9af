import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CART_LINE_NOT_AUTHOR, COLLAB_CLOSE, CreateCartResponse, LockCartResponse, cartDocName } from '@xiaodian/shared'
import { testApp } from '../test-app'
import { CART_OPEN_TTL_MS } from './cart-store'
import { collabFor } from './service'
import { TestClient } from './test-client'

const T0 = Date.UTC(2026, 10, 23, 2, 0) // 10:00 in Shanghai: no afternoon promotion
let clock = T0
let t: Awaited<ReturnType<typeof testApp>>
let alice: { token: string; openid: string }
let bob: { token: string; openid: string }

async function consumer(code: string, nickname: string) {
  const res = await t.json('POST', '/api/auth/consumer', { code, nickname })
  return { token: res.body.token as string, openid: res.body.openid as string }
}

async function startCart() {
  const res = await t.json('POST', '/api/stores/tea-01/carts', { nickname: '小王' }, alice.token)
  expect(res.status).toBe(201)
  return CreateCartResponse.parse(res.body)
}

/** Alice (host) and Bob (joined by link) each connected with a Yjs client. */
async function twoMembers() {
  const cart = await startCart()
  const joined = await t.json(
    'POST',
    `/api/stores/tea-01/carts/${cart.cartId}/join`,
    { invite: cart.inviteToken, nickname: '小李' },
    bob.token,
  )
  expect(joined.status).toBe(200)
  const room = await collabFor(t.services).hub.room(cart.docName)
  const a = new TestClient(alice.openid)
  const b = new TestClient(bob.openid)
  await a.connect(room)
  await b.connect(room)
  return { cart, room, a, b }
}

const lock = (cartId: string, token: string, body: unknown = { payMode: 'each' }) =>
  t.json('POST', `/api/stores/tea-01/carts/${cartId}/lock`, body, token)

// One app for the file (PGlite takes seconds to start); every test starts its own carts.
beforeAll(async () => {
  t = await testApp({ now: () => clock })
  alice = await consumer('code-alice', '小王')
  bob = await consumer('code-bob', '小李')
})
beforeEach(() => {
  clock = T0
})
afterAll(async () => {
  await t.close()
})

describe('group cart API', () => {
  it('lets a consumer start a cart with a link and a 6-digit code; staff cannot', async () => {
    const cart = await startCart()
    expect(cart.cartId).toMatch(/^[0-9a-f]{20}$/)
    expect(cart.inviteCode).toMatch(/^\d{6}$/)
    expect(cart.docName).toBe(cartDocName(cart.cartId))
    expect(cart.invitePath).toContain(cart.inviteToken)
    const staff = await t.json('POST', '/api/stores/tea-01/carts', {}, await t.staffToken())
    expect(staff.status).toBe(403)
    const anon = await t.json('POST', '/api/stores/tea-01/carts', {})
    expect(anon.status).toBe(401)
  })

  it('makes members by invite token or code, and refuses a wrong token', async () => {
    const cart = await startCart()
    const carol = await consumer('code-carol', '小张')
    const path = `/api/stores/tea-01/carts/${cart.cartId}`
    expect((await t.json('GET', path, undefined, bob.token)).status).toBe(403)
    const wrong = await t.json('POST', `${path}/join`, { invite: 'not-the-token-at-all' }, bob.token)
    expect(wrong.status).toBe(403)
    clock += 1000
    expect((await t.json('POST', `${path}/join`, { invite: cart.inviteToken }, bob.token)).status).toBe(200)
    clock += 1000
    const byCode = await t.json('POST', '/api/stores/tea-01/carts/join', { code: cart.inviteCode }, carol.token)
    expect(byCode.body.cartId).toBe(cart.cartId)
    const view = await t.json('GET', path, undefined, bob.token)
    expect(view.body.members.map((m: { nickname: string }) => m.nickname)).toEqual(['小王', '小李', '小张'])
    expect(view.body.status).toBe('open')
  })

  it('refuses a cart past its expiry with 410', async () => {
    const cart = await startCart()
    clock = T0 + CART_OPEN_TTL_MS + 1
    const res = await t.json(
      'POST',
      `/api/stores/tea-01/carts/${cart.cartId}/join`,
      { invite: cart.inviteToken },
      bob.token,
    )
    expect(res.status).toBe(410)
    expect(await collabFor(t.services).sweep()).toBeGreaterThanOrEqual(1)
    expect(await collabFor(t.services).carts.get(cart.cartId)).toBeUndefined()
  })

  it('locks into one group order priced by the domain, with shares summing to the total, seen by every member', async () => {
    const { cart, a, b } = await twoMembers()
    a.addLine('a1', { author: alice.openid, itemId: 'pearl-milk-tea', skuId: 'pearl-milk-tea-m', quantity: 2 })
    b.addLine('b1', { author: bob.openid, itemId: 'mango-pomelo', skuId: 'mango-pomelo-l', quantity: 1 })
    await a.settle()
    await b.settle()
    expect((await lock(cart.cartId, bob.token)).status).toBe(403)
    const res = await lock(cart.cartId, alice.token)
    expect(res.status).toBe(200)
    const result = LockCartResponse.parse(res.body)
    expect(result.amounts).toEqual({ subtotalFen: 4600, discountFen: 500, feesFen: 0, totalFen: 4100 })
    expect(result.shares.map((s) => [s.nickname, s.lineIds, s.discountFen, s.amountFen])).toEqual([
      ['小王', ['a1'], 261, 2139],
      ['小李', ['b1'], 239, 1961],
    ])
    const orders = await t.db.query<{ channel: string; external_id: string }>(
      'select channel, external_id from orders where store_id = $1 and id = $2',
      ['tea-01', result.orderId],
    )
    expect(orders).toEqual([{ channel: 'group', external_id: cart.cartId }])
    await b.settle()
    const meta = b.doc.getMap('meta')
    expect(meta.get('status')).toBe('ordered')
    expect(meta.get('orderId')).toBe(result.orderId)
    expect(meta.get('shares')).toEqual(result.shares)
    // Locking again answers the same order.
    expect((await lock(cart.cartId, alice.token)).body).toEqual(res.body)
  })

  it('refuses the lock when a line was changed by someone other than its author, until the author writes it again', async () => {
    const { cart, a, b } = await twoMembers()
    a.addLine('a1', { author: alice.openid, itemId: 'pearl-milk-tea', skuId: 'pearl-milk-tea-m', quantity: 1 })
    await a.settle()
    await b.settle()
    b.setField('a1', 'quantity', 5)
    await b.settle()
    const res = await lock(cart.cartId, alice.token)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe(CART_LINE_NOT_AUTHOR)
    expect(res.body.error.message).toBe(
      'line a1 of 小王 was changed by 小李: only a line\u2019s author may change it'.replace('\u2019', "'"),
    )
    expect(res.body.error.violations).toEqual([
      { lineId: 'a1', field: 'quantity', author: alice.openid, changedBy: bob.openid, removed: false },
    ])
    await a.settle()
    expect(a.doc.getMap('meta').get('status')).toBe('open')
    expect(a.doc.getMap('meta').get('lockError')).toMatchObject({ code: CART_LINE_NOT_AUTHOR })
    a.setField('a1', 'quantity', 1)
    await a.settle()
    expect((await lock(cart.cartId, alice.token)).status).toBe(200)
  })

  it('refuses the lock when a line was removed by someone other than its author', async () => {
    const { cart, a, b } = await twoMembers()
    a.addLine('a1', { author: alice.openid, itemId: 'americano', quantity: 1 })
    await a.settle()
    await b.settle()
    b.doc.getMap('lines').delete('a1')
    await b.settle()
    const res = await lock(cart.cartId, alice.token)
    expect(res.status).toBe(409)
    expect(res.body.error.violations).toEqual([
      { lineId: 'a1', field: '', author: alice.openid, changedBy: bob.openid, removed: true },
    ])
    expect(res.body.error.message).toContain('was removed by 小李')
    // Alice adds her line back: the removal no longer stands.
    a.addLine('a1', { author: alice.openid, itemId: 'americano', quantity: 1 })
    await a.settle()
    expect((await lock(cart.cartId, alice.token)).status).toBe(200)
  })

  it('refuses a line that claims another author', async () => {
    const { cart, b } = await twoMembers()
    b.addLine('x1', { author: alice.openid, itemId: 'americano', quantity: 3 })
    await b.settle()
    const res = await lock(cart.cartId, alice.token)
    expect(res.status).toBe(409)
    expect(res.body.error.violations[0]).toMatchObject({ lineId: 'x1', author: alice.openid, changedBy: bob.openid })
  })

  it('refuses a line that no longer prices (422 with its line id) and leaves the cart open', async () => {
    const { cart, a } = await twoMembers()
    a.addLine('a1', { author: alice.openid, itemId: 'no-such-drink', quantity: 1 })
    await a.settle()
    const res = await lock(cart.cartId, alice.token)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'UNKNOWN_ITEM', lineId: 'a1' })
    expect((await collabFor(t.services).carts.get(cart.cartId))?.status).toBe('open')
    expect((await lock(cart.cartId, alice.token, { payMode: 'host' })).status).toBe(422)
  })

  it('cuts structs of another member’s client id out of an update before applying it', async () => {
    const { cart, room, a } = await twoMembers()
    a.addLine('a1', { author: alice.openid, itemId: 'americano', quantity: 1 })
    await a.settle()
    const mallory = new TestClient(bob.openid)
    Y.applyUpdate(mallory.doc, Y.encodeStateAsUpdate(a.doc))
    // Set after loading Alice's state, or Yjs notices the clash and picks a new id.
    mallory.doc.clientID = a.doc.clientID
    await mallory.connect(room)
    mallory.setField('a1', 'quantity', 9)
    mallory.addLine('m1', { author: alice.openid, itemId: 'americano', quantity: 9 })
    await mallory.settle()
    // The forged set and line never land; the delete of the old value (deletes carry no client id) is
    // charged to the connection that sent it.
    expect((room.doc.getMap('lines').get('a1') as Y.Map<unknown>).get('quantity')).not.toBe(9)
    expect(room.doc.getMap('lines').has('m1')).toBe(false)
    const res = await lock(cart.cartId, alice.token)
    expect(res.status).toBe(409)
    expect(res.body.error.violations).toEqual([
      { lineId: 'a1', field: 'quantity', author: alice.openid, changedBy: bob.openid, removed: true },
    ])
  })

  it('restores server-owned meta a client wrote, and closes that client', async () => {
    const { room, b } = await twoMembers()
    b.doc.getMap('meta').set('status', 'ordered')
    await b.settle()
    await new Promise((r) => setTimeout(r, 50))
    await room.persisted()
    expect(b.closed?.code).toBe(COLLAB_CLOSE.FORBIDDEN)
    expect(room.doc.getMap('meta').get('status')).toBe('open')
  })
})
