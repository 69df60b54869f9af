import fc from 'fast-check'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { WechatpayMerchant } from '../deps'
import { fakeDeps } from '../__fixtures__/fake-deps'
import { readFixture, type WechatpayGoFixture } from '../__fixtures__/load'
import { loadWechatpayPublicKey } from './keys'
import { WECHATPAY_BASE_PATH, wechatpayRoutes } from './routes'
import { generateTestMerchant, refundResource, simulateWechatpayNotification, transactionResource } from './simulate'

const test = generateTestMerchant()
const merchant: WechatpayMerchant = {
  storeId: 'store-1',
  mchid: test.mchid,
  appid: test.appid,
  apiV3Key: test.apiV3Key,
  publicKey: test.publicKey,
}
const nowMs = 1_735_790_400_000
const go = readFixture<WechatpayGoFixture>('wechatpay-go-notification.json')
const goKey = loadWechatpayPublicKey(go.platformPublicKey)
if (!goKey.ok) throw new Error(goKey.message)

function setup() {
  const deps = fakeDeps({
    nowMs,
    wechatpay: [
      { serial: test.serial, merchant },
      {
        serial: go.headers['Wechatpay-Serial'],
        merchant: { ...merchant, publicKey: goKey.ok ? goKey.key : test.publicKey },
      },
    ],
  })
  const app = new Hono().route(WECHATPAY_BASE_PATH, wechatpayRoutes(deps))
  return { deps, app }
}

function payment(outTradeNo = 'XD-1', at = nowMs) {
  return simulateWechatpayNotification({
    privateKey: test.privateKey,
    serial: test.serial,
    apiV3Key: test.apiV3Key,
    eventType: 'TRANSACTION.SUCCESS',
    originalType: 'transaction',
    resource: transactionResource({
      mchid: test.mchid,
      appid: test.appid,
      outTradeNo,
      amountFen: 1800,
      successTimeMs: at,
    }),
    nowMs: at,
  })
}

function send(app: Hono, notification: { headers: Record<string, string>; body: string }): Promise<Response> {
  return Promise.resolve(
    app.request('/channels/wechatpay/notify', {
      method: 'POST',
      headers: notification.headers,
      body: notification.body,
    }),
  )
}

describe('POST /channels/wechatpay/notify', () => {
  it('ingests a payment and answers 200 SUCCESS', async () => {
    const { deps, app } = setup()
    const response = await send(app, payment())
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ code: 'SUCCESS', message: '成功' })
    expect(deps.commands).toMatchObject([
      { kind: 'payment.succeeded', storeId: 'store-1', outTradeNo: 'XD-1', amountFen: 1800 },
    ])
  })

  it('ingests a refund', async () => {
    const { deps, app } = setup()
    const notification = simulateWechatpayNotification({
      privateKey: test.privateKey,
      serial: test.serial.toLowerCase(),
      apiV3Key: test.apiV3Key,
      eventType: 'REFUND.SUCCESS',
      originalType: 'refund',
      resource: refundResource({
        mchid: test.mchid,
        outTradeNo: 'XD-1',
        outRefundNo: 'RF-1',
        refundFen: 1800,
        totalFen: 1800,
        status: 'SUCCESS',
        successTimeMs: nowMs,
      }),
      nowMs,
    })
    expect((await send(app, notification)).status).toBe(200)
    expect(deps.commands).toMatchObject([{ kind: 'refund', state: 'succeeded', refundId: 'RF-1', full: true }])
  })

  it('answers a verified event it does not handle with 200 and no command (wechatpay-go vector)', async () => {
    const { deps, app } = setup()
    deps.nowMs = Number(go.headers['Wechatpay-Timestamp']) * 1000
    const response = await send(app, { headers: go.headers, body: go.body })
    expect(response.status).toBe(200)
    expect(deps.commands).toEqual([])
    expect(deps.logs).toMatchObject([{ level: 'info', obj: { eventType: 'PAYSCORE.USER_OPEN_SERVICE' } }])
  })

  it('refuses a replay of the same delivery with 401 NONCE_REPLAYED', async () => {
    const { app } = setup()
    const notification = payment()
    expect((await send(app, notification)).status).toBe(200)
    const replay = await send(app, notification)
    expect(replay.status).toBe(401)
    expect(await replay.json()).toMatchObject({ code: 'FAIL', error: { code: 'NONCE_REPLAYED' } })
  })

  it.each([
    [
      'a probe',
      (n: Notification) => ({ ...n, headers: { ...n.headers, 'Wechatpay-Signature': 'WECHATPAY/SIGNTEST/x' } }),
      401,
      'SIGNATURE_PROBE',
    ],
    [
      'an unknown serial',
      (n: Notification) => ({ ...n, headers: { ...n.headers, 'Wechatpay-Serial': 'PUB_KEY_ID_9' } }),
      401,
      'UNKNOWN_SERIAL',
    ],
    ['no headers', (n: Notification) => ({ headers: {}, body: n.body }), 401, 'MISSING_HEADER'],
    [
      'a tampered body',
      (n: Notification) => ({ ...n, body: n.body.replace('TRANSACTION', 'TRANSACTIOn') }),
      401,
      'SIGNATURE_INVALID',
    ],
    ['a stale delivery', () => payment('XD-2', nowMs - 300_000), 401, 'TIMESTAMP_STALE'],
  ])('refuses %s', async (_, change, status, code) => {
    const { deps, app } = setup()
    const response = await send(app, change(payment()))
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ code: 'FAIL', message: expect.any(String), error: { code } })
    expect(deps.commands).toEqual([])
  })

  it('answers 400 to a verified notification whose resource does not decrypt', async () => {
    const { app } = setup()
    const notification = simulateWechatpayNotification({
      privateKey: test.privateKey,
      serial: test.serial,
      apiV3Key: 'z'.repeat(32),
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      resource: {},
      nowMs,
    })
    const response = await send(app, notification)
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).not.toContain(test.apiV3Key)
  })

  it('answers 503 when ingest fails and 413 to an oversized body', async () => {
    const { deps, app } = setup()
    deps.ingest = async () => {
      throw new Error('database is down')
    }
    expect((await send(app, payment())).status).toBe(503)
    expect((await send(app, { ...payment(), body: 'x'.repeat(70_000) })).status).toBe(413)
  })

  it('answers fuzzed headers and bodies with 4xx, never a 500', async () => {
    const { deps, app } = setup()
    const valid = payment()
    const header = fc.option(
      fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      { nil: undefined },
    )
    await fc.assert(
      fc.asyncProperty(
        header,
        header,
        header,
        header,
        fc.string({ unit: 'binary' }),
        async (ts, nonce, sig, serial, body) => {
          const headers: Record<string, string> = { ...valid.headers }
          for (const [name, value] of [
            ['Wechatpay-Timestamp', ts],
            ['Wechatpay-Nonce', nonce],
            ['Wechatpay-Signature', sig],
            ['Wechatpay-Serial', serial],
          ] as const) {
            if (value === undefined) delete headers[name]
            else headers[name] = value
          }
          const response = await send(app, { headers, body })
          expect(response.status).toBeGreaterThanOrEqual(400)
          expect(response.status).toBeLessThan(500)
        },
      ),
      { numRuns: 500 },
    )
    expect(deps.commands).toEqual([])
  })
})

type Notification = { headers: Record<string, string>; body: string }
