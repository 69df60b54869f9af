import type { SalesFigures, SalesReportResponse } from '@xiaodian/shared'

const CHANNEL_NAMES: Record<string, string> = {
  meituan: '美团外卖',
  eleme: '饿了么',
  miniprogram: '小程序',
  pos: '门店收银',
  group: '拼团',
  subscription: '订阅',
}

/** Fen as plain yuan with two decimals (`1250` → `12.50`): spreadsheets read it as a number. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
function field(v: string | number): string {
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

const row = (...cells: (string | number)[]) => cells.map(field).join(',')
const figures = (f: SalesFigures) => [
  f.orders,
  yuan(f.grossFen),
  yuan(f.discountFen),
  yuan(f.refundFen),
  yuan(f.netFen),
]
const FIGURE_HEADERS = ['订单数', '销售额(元)', '优惠(元)', '退款(元)', '净收入(元)']

/**
 * The report as CSV, one section after another (summary, days, channels, hours, items, options,
 * promotions), UTF-8 with a byte-order mark so Excel shows the Chinese headers.
 */
export function salesCsv(r: SalesReportResponse, storeName: string): string {
  const s = r.sales
  const c = r.comparison.sales
  const lines: string[] = [
    row('门店', storeName),
    row('营业日', r.from === r.to ? r.from : `${r.from} 至 ${r.to}`, '时区', r.timeZone, '日切', r.cutoff),
    '',
    row(
      '指标',
      '本期',
      `对比 ${r.comparison.from === r.comparison.to ? r.comparison.from : `${r.comparison.from}~${r.comparison.to}`}`,
    ),
    row('订单数', s.orders, c.orders),
    row('销售额(元)', yuan(s.grossFen), yuan(c.grossFen)),
    row('优惠(元)', yuan(s.discountFen), yuan(c.discountFen)),
    row('退款(元)', yuan(s.refundFen), yuan(c.refundFen)),
    row('净收入(元)', yuan(s.netFen), yuan(c.netFen)),
    row('客单价(元)', yuan(s.averageTicketFen), yuan(c.averageTicketFen)),
    row('配送/包装费(元)', yuan(s.feesFen), yuan(c.feesFen)),
    row('取消订单', s.cancelledOrders, c.cancelledOrders),
    row('次卡售出', s.passes.soldCount, c.passes.soldCount),
    row('次卡售出金额(元)', yuan(s.passes.soldFen), yuan(c.passes.soldFen)),
    row('次卡核销', s.passes.redeemedCount, c.passes.redeemedCount),
    '',
    row('日期', ...FIGURE_HEADERS),
    ...r.daily.map((d) => row(d.day, ...figures(d))),
    '',
    row('渠道', ...FIGURE_HEADERS),
    ...Object.entries(s.byChannel).map(([ch, f]) => row(CHANNEL_NAMES[ch] ?? ch, ...figures(f))),
    '',
    row('小时', ...FIGURE_HEADERS),
    ...s.byHour.map((h, i) => row(`${String(i).padStart(2, '0')}:00`, ...figures(h))),
    '',
    row('商品', '数量', '销售额(元)', '实收(元)'),
    ...s.byItem.map((i) => row(i.name, i.quantity, yuan(i.grossFen), yuan(i.netFen))),
    '',
    row('选项', '分组', '杯/份数'),
    ...s.byOption.map((o) => row(o.name, o.groupId, o.quantity)),
    '',
    row('活动', '使用订单', '占比', '成本(元)'),
    ...s.promotions.map((p) => row(p.name, p.orders, `${(p.rate * 100).toFixed(1)}%`, yuan(p.costFen))),
  ]
  if (r.bayUtilisation) {
    lines.push('', row('工位', '预约分钟', '营业分钟', '利用率'))
    for (const b of r.bayUtilisation.resources) {
      lines.push(row(b.name, b.bookedMinutes, b.openMinutes, `${(b.rate * 100).toFixed(1)}%`))
    }
  }
  for (const n of r.notes) lines.push(row('说明', n))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
