import type { AddressInfo } from 'node:net'
import { type ServerType, type WebSocketServerLike, serve } from '@hono/node-server'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import * as Y from 'yjs'
import {
  BOARD_MAPS,
  COLLAB_CLOSE,
  COLLAB_SUBPROTOCOL,
  SoldOutResponse,
  boardDocName,
  soldOutKey,
} from '@xiaodian/shared'
import { testApp } from '../test-app'
import { MESSAGE } from './protocol'
import { collabFor } from './service'
import { TestClient } from './test-client'

let t: Awaited<ReturnType<typeof testApp>>
let server: ServerType
let base: string
const tokens: Record<string, string> = {}

beforeAll(async () => {
  t = await testApp()
  const wss = new WebSocketServer({ noServer: true })
  server = serve({ fetch: t.app.fetch, port: 0, websocket: { server: wss as unknown as WebSocketServerLike } })
  await new Promise((r) => server.once('listening', r))
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
  tokens.staff = await t.staffToken('tea-01', '1111')
  tokens.washStaff = await t.staffToken('wash-01', '2222')
  tokens.alice = await t.consumerToken('code-alice')
  tokens.bob = await t.consumerToken('code-bob')
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  await t.close()
})

/** Opens a socket; resolves with the first message or the close code and reason, whichever comes first. */
function open(path: string, protocols?: string[]) {
  const ws = new WebSocket(`${base}${path}`, protocols)
  return new Promise<{ ws: WebSocket; first?: Uint8Array; close?: { code: number; reason: string } }>((resolve) => {
    ws.once('message', (data: Buffer) => resolve({ ws, first: new Uint8Array(data) }))
    ws.once('close', (code, reason) => resolve({ ws, close: { code, reason: reason.toString() } }))
    ws.once('error', () => {})
  })
}

describe('GET /collab/:docName', () => {
  it.each([
    ['no token', '/collab/store:tea-01:board', COLLAB_CLOSE.UNAUTHENTICATED, /sign in first/],
    ['a forged token', '/collab/store:tea-01:board?token=a.b.c', COLLAB_CLOSE.UNAUTHENTICATED, /sign in first/],
    ['a bad document name', '/collab/nope?token=STAFF', COLLAB_CLOSE.BAD_DOC_NAME, /unknown document name/],
    ['a consumer on a board', '/collab/store:tea-01:board?token=ALICE', COLLAB_CLOSE.FORBIDDEN, /only staff/],
    ['staff of another store', '/collab/store:tea-01:board?token=WASH', COLLAB_CLOSE.FORBIDDEN, /only staff/],
    ['an unknown store', '/collab/store:nowhere:board?token=STAFF', COLLAB_CLOSE.NOT_FOUND, /no such store/],
    ['an unknown cart', '/collab/cart:0000000000?token=ALICE', COLLAB_CLOSE.NOT_FOUND, /no such cart/],
  ])('accepts the upgrade and closes with a 44xx code for %s', async (_what, path, code, reason) => {
    const url = path.replace('STAFF', tokens.staff!).replace('ALICE', tokens.alice!).replace('WASH', tokens.washStaff!)
    const res = await open(url)
    expect(res.close?.code).toBe(code)
    expect(res.close?.reason).toMatch(reason)
  })

  it('answers a plain GET with 426', async () => {
    const res = await t.app.request('/collab/store:tea-01:board')
    expect(res.status).toBe(426)
  })

  it('lets staff sync the board, with the token in the subprotocol header; the consumer menu sees a sold-out mark', async () => {
    const res = await open(`/collab/${boardDocName('tea-01')}`, [COLLAB_SUBPROTOCOL, tokens.staff!])
    expect(res.ws.protocol).toBe(COLLAB_SUBPROTOCOL)
    const d = decoding.createDecoder(res.first!)
    expect(decoding.readVarUint(d)).toBe(MESSAGE.sync)
    res.ws.close()

    const before = SoldOutResponse.parse(await (await t.app.request('/api/stores/tea-01/sold-out')).json())
    const waited = t.app.request(`/api/stores/tea-01/sold-out?wait=${before.etag}`)
    const room = await collabFor(t.services).hub.room(boardDocName('tea-01'))
    const tablet = new TestClient('staff:tea-01:小李')
    await tablet.connect(room)
    tablet.doc.getMap(BOARD_MAPS.soldOut).set(soldOutKey('sku', 'pearl-milk-tea-l'), { by: '小李', at: 1 })
    const after = SoldOutResponse.parse(await (await waited).json())
    expect(after.skus).toEqual(['pearl-milk-tea-l'])
    expect(after.etag).not.toBe(before.etag)
    const menu = await t.json('GET', '/api/stores/tea-01/menu')
    expect(menu.body.soldOut.skus).toEqual(['pearl-milk-tea-l'])
    tablet.disconnect()
  })

  it('makes a consumer with the invite a member on connect and syncs the cart', async () => {
    const created = await t.json('POST', '/api/stores/tea-01/carts', {}, tokens.alice)
    const { cartId, docName, inviteToken } = created.body
    const refused = await open(`/collab/${docName}?token=${tokens.bob}`)
    expect(refused.close).toEqual({ code: COLLAB_CLOSE.FORBIDDEN, reason: expect.stringMatching(/invite/) })
    const joined = await open(`/collab/${docName}?access_token=${tokens.bob}&invite=${inviteToken}`)
    expect(joined.first).toBeDefined()
    joined.ws.close()
    expect(
      await collabFor(t.services).carts.isMember(
        cartId,
        (await t.json('POST', '/api/auth/consumer', { code: 'code-bob' })).body.openid,
      ),
    ).toBe(true)
    const room = await collabFor(t.services).hub.room(docName)
    expect([...room.doc.getMap('members').keys()]).toHaveLength(2)
    expect(room.doc.getMap('meta').get('status')).toBe('open')
    expect(Y.encodeStateVector(room.doc).byteLength).toBeGreaterThan(1)
  })
})
