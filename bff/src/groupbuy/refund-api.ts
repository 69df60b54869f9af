import { randomBytes } from 'node:crypto'
import { channelDeps } from '../channel-deps'
import { WECHATPAY_BASE_PATH, wechatpayRoutes } from '../channels/wechatpay/routes'
import type { Services } from '../services'
import { type PlatformRequest, PlatformSimulator } from '../simulator/platform'

/** WeChat Pay APIv3 申请退款 (`POST /v3/refund/domestic/refunds`) request body. */
export interface RefundRequest {
  readonly out_trade_no: string
  readonly out_refund_no: string
  readonly reason?: string
  readonly amount: { readonly refund: number; readonly total: number; readonly currency: 'CNY' }
}

/** The refund resource WeChat Pay answers with (and that 查询单笔退款 returns). */
export interface RefundResource {
  refund_id: string
  out_refund_no: string
  transaction_id: string
  out_trade_no: string
  channel: 'ORIGINAL'
  user_received_account: string
  success_time?: string
  create_time: string
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL'
  funds_account: 'AVAILABLE'
  amount: {
    total: number
    refund: number
    payer_total: number
    payer_refund: number
    settlement_refund: number
    settlement_total: number
    discount_refund: number
    currency: 'CNY'
    refund_fee: number
  }
}

/** An HTTP answer of the refund API: the resource, or WeChat's `{ code, message }` error body. */
export type RefundAnswer =
  | { status: 200; body: RefundResource }
  | { status: 400 | 403 | 404 | 429 | 500; body: { code: string; message: string } }

/** The refund API as the saga uses it: both calls are idempotent on `out_refund_no`. */
export interface RefundApi {
  create(storeId: string, req: RefundRequest): Promise<RefundAnswer>
  query(storeId: string, outRefundNo: string): Promise<RefundAnswer>
  /** The platform's own retries of notifications nobody acknowledged yet. */
  redeliver(): Promise<number>
}

/** Hands a platform request to the BFF's notify endpoint and returns its HTTP status. */
export type Deliver = (req: PlatformRequest) => Promise<number>

const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/

type Row = {
  store_id: string
  out_refund_no: string
  out_trade_no: string
  refund_id: string
  refund_fen: number
  total_fen: number
  status: RefundResource['status']
  created_ms: string
  success_ms: string | null
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')

/**
 * A simulated WeChat Pay refund API. It answers like the real one (validation errors, 404 for an unknown
 * trade, one refund per out_refund_no however often it is asked, PROCESSING first), completes the refund,
 * and then sends the real, signed and encrypted `REFUND.SUCCESS` notification (built by the platform
 * simulator) to the BFF's own notify endpoint, where it is verified and ingested like any other; until
 * that endpoint answers 200 it keeps re-sending, as WeChat Pay does.
 *
 * Its ledger (`sim_wechatpay_refunds`) stands in for WeChat Pay's servers and survives a BFF crash the way
 * the platform would. By default the notification is delivered in-process to the same WeChat Pay route
 * the app mounts (`deliver` can send it over HTTP instead).
 */
export class SimulatedWechatRefundApi implements RefundApi {
  readonly #s: Services
  readonly #deliver: Deliver
  readonly #sim: PlatformSimulator

  constructor(s: Services, deliver?: Deliver) {
    this.#s = s
    this.#sim = new PlatformSimulator(s.stores)
    if (deliver) this.#deliver = deliver
    else {
      const notify = wechatpayRoutes(channelDeps(s))
      this.#deliver = async (req) => {
        const path = req.path.slice(WECHATPAY_BASE_PATH.length)
        return (await notify.request(path, { method: 'POST', headers: req.headers, body: req.body })).status
      }
    }
  }

  async create(storeId: string, req: RefundRequest): Promise<RefundAnswer> {
    const mchid = this.#s.stores.byId(storeId)?.wechatpay?.mchid
    if (!mchid) return fail(400, 'PARAM_ERROR', '商户号不存在')
    const { refund, total, currency } = req.amount
    if (!OUT_REFUND_NO.test(req.out_refund_no)) return fail(400, 'PARAM_ERROR', 'out_refund_no 格式错误')
    if (
      !Number.isSafeInteger(refund) ||
      !Number.isSafeInteger(total) ||
      refund <= 0 ||
      refund > total ||
      currency !== 'CNY'
    ) {
      return fail(400, 'PARAM_ERROR', '退款金额错误')
    }
    const existing = await this.#row(mchid, req.out_refund_no)
    if (existing) {
      if (existing.out_trade_no !== req.out_trade_no || Number(existing.refund_fen) !== refund) {
        return fail(400, 'INVALID_REQUEST', '退款单号已存在，请求参数与原请求不一致')
      }
      return { status: 200, body: this.#resource(existing) }
    }
    const paid = await this.#s.db.query<{ total: string | null; txn: string | null }>(
      `select sum(amount_fen) as total, min(transaction_id) as txn from payments
       where store_id = $1 and provider = 'wechatpay' and out_trade_no = $2`,
      [storeId, req.out_trade_no],
    )
    if (!paid[0]?.txn) return fail(404, 'RESOURCE_NOT_EXISTS', '订单不存在')
    if (Number(paid[0].total) !== total) return fail(400, 'PARAM_ERROR', '订单金额与原订单不一致')
    const now = this.#s.now()
    const refundId = `50300${randomBytes(12)
      .toString('hex')
      .replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}`
    // One statement decides: the same out_refund_no twice keeps the first; more than the trade's total is refused.
    const inserted = await this.#s.db.query<Row>(
      `insert into sim_wechatpay_refunds (mchid, out_refund_no, store_id, out_trade_no, refund_id, refund_fen, total_fen,
         status, created_ms, success_ms)
       select $1::text, $2::text, $3::text, $4::text, $5::text, $6::integer, $7::integer, 'SUCCESS', $8::bigint, $8::bigint
       where (select coalesce(sum(refund_fen), 0) from sim_wechatpay_refunds where mchid = $1 and out_trade_no = $4)
         + $6::integer <= $7::integer
       on conflict (mchid, out_refund_no) do nothing
       returning *`,
      [mchid, req.out_refund_no, storeId, req.out_trade_no, refundId, refund, total, now],
    )
    const row = inserted[0] ?? (await this.#row(mchid, req.out_refund_no))
    if (!row) return fail(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额')
    if (inserted[0]) {
      // WeChat Pay answers while the refund is processing; the outcome arrives as a notification.
      setImmediate(() => void this.#notify(row).catch(() => {}))
      return { status: 200, body: { ...this.#resource(row), status: 'PROCESSING' } }
    }
    return this.create(storeId, req)
  }

  async query(storeId: string, outRefundNo: string): Promise<RefundAnswer> {
    const mchid = this.#s.stores.byId(storeId)?.wechatpay?.mchid
    const row = mchid ? await this.#row(mchid, outRefundNo) : undefined
    return row ? { status: 200, body: this.#resource(row) } : fail(404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
  }

  async redeliver(): Promise<number> {
    const rows = await this.#s.db.query<Row>(
      `select * from sim_wechatpay_refunds where notified_ms is null and status = 'SUCCESS'
       order by created_ms limit 100`,
    )
    let acknowledged = 0
    for (const row of rows) if (await this.#notify(row).catch(() => false)) acknowledged++
    return acknowledged
  }

  /** Sends REFUND.SUCCESS; records the acknowledgement (a 200) so it is not sent again. */
  async #notify(row: Row): Promise<boolean> {
    const now = this.#s.now()
    const req = this.#sim.wechatRefunded(
      row.store_id,
      row.out_trade_no,
      row.out_refund_no,
      Number(row.refund_fen),
      Number(row.total_fen),
      now,
    )
    const status = await this.#deliver(req)
    await this.#s.db.query(
      `update sim_wechatpay_refunds set notify_attempts = notify_attempts + 1,
         notified_ms = case when $3 then coalesce(notified_ms, $4) else notified_ms end
       where store_id = $1 and out_refund_no = $2`,
      [row.store_id, row.out_refund_no, status === 200, now],
    )
    return status === 200
  }

  async #row(mchid: string, outRefundNo: string): Promise<Row | undefined> {
    const rows = await this.#s.db.query<Row>(
      'select * from sim_wechatpay_refunds where mchid = $1 and out_refund_no = $2',
      [mchid, outRefundNo],
    )
    return rows[0]
  }

  #resource(row: Row): RefundResource {
    const refund = Number(row.refund_fen)
    const total = Number(row.total_fen)
    return {
      refund_id: row.refund_id,
      out_refund_no: row.out_refund_no,
      transaction_id: '',
      out_trade_no: row.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(row.success_ms ? { success_time: rfc3339(Number(row.success_ms)) } : {}),
      create_time: rfc3339(Number(row.created_ms)),
      status: row.status,
      funds_account: 'AVAILABLE',
      amount: {
        total,
        refund,
        payer_total: total,
        payer_refund: refund,
        settlement_refund: refund,
        settlement_total: total,
        discount_refund: 0,
        currency: 'CNY',
        refund_fee: 0,
      },
    }
  }
}

function fail(status: 400 | 403 | 404 | 429 | 500, code: string, message: string): RefundAnswer {
  return { status, body: { code, message } }
}
