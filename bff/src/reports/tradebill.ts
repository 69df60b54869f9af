import { parseYuan } from '@xiaodian/domain'

/**
 * WeChat Pay's trade bill (交易账单, `GET /v3/bill/tradebill` then the download URL), as documented in
 * 「交易账单文件格式说明」: a header row, one row per payment or refund with every field prefixed by a
 * backtick (so Excel keeps long numbers), then a summary header row and one summary row. Amounts are
 * yuan; times are Beijing time (the bill's day runs 00:00–24:00 there). Columns are found by their header
 * names, so the ALL, SUCCESS and REFUND layouts and the older layout (总金额 instead of 应结订单金额) all read.
 */

/** One payment or refund row. */
export interface TradeBillLine {
  /** 1-based line number in the file. */
  readonly line: number
  /** 交易时间 as epoch ms: the payment's success time, or when the refund was requested. */
  readonly at: number
  readonly transactionId: string
  readonly outTradeNo: string
  /** 交易状态: SUCCESS (a payment), REFUND (a refund row), REVOKED. */
  readonly status: string
  /** 订单金额 (older bills: 总金额), fen. */
  readonly orderFen: number
  /** 应结订单金额 (older bills: 总金额), fen. */
  readonly settlementFen: number
  readonly refundId: string
  readonly outRefundNo: string
  /** 退款金额, fen (0 on payment rows). */
  readonly refundFen: number
  readonly refundStatus: string
}

/** The bill's own totals (汇总数据). */
export interface TradeBillSummary {
  readonly rows: number
  readonly settlementFen: number
  readonly refundFen: number
  /** 订单总金额, when the bill has it. */
  readonly orderFen: number | null
}

/** A parsed bill. */
export interface TradeBill {
  readonly lines: readonly TradeBillLine[]
  readonly summary: TradeBillSummary | null
}

/** Why a bill could not be read, with the line at fault. */
export class TradeBillError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`)
  }
}

const REQUIRED = ['交易时间', '微信订单号', '商户订单号', '交易状态'] as const

/** Splits a backtick-prefixed row (`` `a,`b,`c ``): splitting on ",`" keeps commas inside a field. */
function cells(row: string): string[] {
  return row.slice(1).split(',`')
}

/** Parses a trade bill's text; throws {@link TradeBillError} naming the line when it is not one. */
export function parseTradeBill(text: string): TradeBill {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((r, i) => ({ n: i + 1, r: r.trim() }))
    .filter((x) => x.r !== '')
  const head = rows[0]
  if (!head) throw new TradeBillError(1, 'the bill is empty')
  const header = head.r.split(',').map((h) => h.trim())
  for (const name of REQUIRED) {
    if (!header.includes(name)) throw new TradeBillError(head.n, `the header has no column ${name}`)
  }
  const col = (...names: string[]) => {
    for (const n of names) {
      const i = header.indexOf(n)
      if (i >= 0) return i
    }
    return -1
  }
  const idx = {
    time: col('交易时间'),
    tx: col('微信订单号'),
    out: col('商户订单号'),
    status: col('交易状态'),
    settlement: col('应结订单金额', '总金额'),
    order: col('订单金额', '总金额'),
    refundId: col('微信退款单号'),
    outRefund: col('商户退款单号'),
    refund: col('退款金额'),
    refundStatus: col('退款状态'),
  }
  if (idx.settlement < 0) throw new TradeBillError(head.n, 'the header has no column 应结订单金额 or 总金额')
  const lines: TradeBillLine[] = []
  let summary: TradeBillSummary | null = null
  for (let k = 1; k < rows.length; k++) {
    const { n, r } = rows[k] as { n: number; r: string }
    if (r.startsWith('总交易单数')) {
      summary = parseSummary(r, rows[k + 1])
      break
    }
    if (!r.startsWith('`')) throw new TradeBillError(n, 'a detail row must start with a backtick')
    const f = cells(r)
    if (f.length < header.length) throw new TradeBillError(n, `expected ${header.length} fields, found ${f.length}`)
    const get = (i: number) => (i >= 0 ? (f[i] ?? '').trim() : '')
    const money = (i: number, name: string) => {
      const v = get(i)
      if (v === '') return 0
      const fen = parseYuan(v)
      if (fen === null) throw new TradeBillError(n, `${name} is not an amount in yuan: ${v}`)
      return fen
    }
    lines.push({
      line: n,
      at: beijingTime(get(idx.time), n),
      transactionId: get(idx.tx),
      outTradeNo: get(idx.out),
      status: get(idx.status),
      orderFen: money(idx.order, '订单金额'),
      settlementFen: money(idx.settlement, '应结订单金额'),
      refundId: get(idx.refundId).replace(/^0$/, ''),
      outRefundNo: get(idx.outRefund).replace(/^0$/, ''),
      refundFen: money(idx.refund, '退款金额'),
      refundStatus: get(idx.refundStatus),
    })
  }
  return { lines, summary }
}

function parseSummary(headerRow: string, data: { n: number; r: string } | undefined): TradeBillSummary {
  if (!data?.r.startsWith('`')) throw new TradeBillError((data?.n ?? 0) || 0, 'the summary row is missing')
  const names = headerRow.split(',').map((h) => h.trim())
  const values = cells(data.r)
  const get = (...keys: string[]) => {
    for (const key of keys) {
      const i = names.indexOf(key)
      if (i >= 0) return (values[i] ?? '').trim()
    }
    return undefined
  }
  const fen = (v: string | undefined, name: string) => {
    if (v === undefined) return null
    const x = parseYuan(v)
    if (x === null) throw new TradeBillError(data.n, `${name} is not an amount in yuan: ${v}`)
    return x
  }
  const rows = Number(get('总交易单数'))
  if (!Number.isInteger(rows) || rows < 0) throw new TradeBillError(data.n, '总交易单数 is not a count')
  return {
    rows,
    settlementFen: fen(get('应结订单总金额', '总交易额'), '应结订单总金额') ?? 0,
    refundFen: fen(get('退款总金额', '总退款金额'), '退款总金额') ?? 0,
    orderFen: fen(get('订单总金额'), '订单总金额'),
  }
}

/** `2026-11-22 12:00:00` in Beijing time (UTC+8, no daylight saving) as epoch ms. */
function beijingTime(v: string, line: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v)
  if (!m) throw new TradeBillError(line, `交易时间 is not yyyy-MM-dd HH:mm:ss: ${v}`)
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  return Date.UTC(y as number, (mo as number) - 1, d, (h as number) - 8, mi, s)
}

/** The Beijing calendar day of an instant (the bill's day). */
export function beijingDay(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** Formats fen as the bill writes yuan (`1250` → `12.50`). */
function billYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** A row of a bill to write (the simulator's and the tests' side of the format). */
export interface BillRow {
  readonly at: number
  readonly transactionId: string
  readonly outTradeNo: string
  readonly amountFen: number
  readonly refund?: { readonly refundId: string; readonly outRefundNo: string; readonly amountFen: number }
}

const ALL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'

/** Writes an ALL-type trade bill in WeChat Pay's layout (what the platform would send for these rows). */
export function writeTradeBill(merchant: { appid: string; mchid: string }, rows: readonly BillRow[]): string {
  const t = (at: number) => new Date(at + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19)
  const out = [ALL_HEADER]
  let settlement = 0
  let refunds = 0
  let fees = 0
  for (const r of rows) {
    const fee = r.refund ? -Math.round(r.refund.amountFen * 0.006) : Math.round(r.amountFen * 0.006)
    fees += fee
    const fields = [
      t(r.at),
      merchant.appid,
      merchant.mchid,
      '0',
      '',
      r.transactionId,
      r.outTradeNo,
      'oDemoOpenid0000000000000000',
      'JSAPI',
      r.refund ? 'REFUND' : 'SUCCESS',
      'OTHERS',
      'CNY',
      billYuan(r.refund ? 0 : r.amountFen),
      '0.00',
      r.refund?.refundId ?? '0',
      r.refund?.outRefundNo ?? '0',
      billYuan(r.refund?.amountFen ?? 0),
      '0.00',
      r.refund ? 'ORIGINAL' : '',
      r.refund ? 'SUCCESS' : '',
      '小店订单',
      '',
      (fee / 100).toFixed(5),
      '0.60%',
      billYuan(r.refund ? 0 : r.amountFen),
      billYuan(r.refund?.amountFen ?? 0),
      '',
    ]
    if (!r.refund) settlement += r.amountFen
    else refunds += r.refund.amountFen
    out.push(fields.map((f) => `\`${f}`).join(','))
  }
  out.push('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额')
  out.push(
    [
      String(rows.length),
      billYuan(settlement),
      billYuan(refunds),
      '0.00',
      (fees / 100).toFixed(5),
      billYuan(settlement),
      billYuan(refunds),
    ]
      .map((f) => `\`${f}`)
      .join(','),
  )
  return `${out.join('\r\n')}\r\n`
}
