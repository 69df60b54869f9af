import { formatYuan } from '@xiaodian/domain'

/** Channel names as the owner reads them. */
export const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  meituan: '美团外卖',
  eleme: '饿了么',
  miniprogram: '小程序',
  pos: '门店收银',
  group: '拼团',
  subscription: '订阅',
  wechatpay: '微信支付',
}

/** Money on the dashboard: `¥1,234.50` (thousands grouped, always two decimals). */
export function money(fen: number): string {
  const plain = formatYuan(fen)
  return plain.replace(/(\d)(?=(\d{3})+\.)/g, '$1,')
}

/** Change against the comparison period, as the owner reads it: `+12.5%`, `−3.0%`, `持平`, `新增`. */
export function change(current: number, previous: number): { text: string; trend: 'up' | 'down' | 'flat' } {
  if (previous === 0) return current === 0 ? { text: '持平', trend: 'flat' } : { text: '新增', trend: 'up' }
  const pct = ((current - previous) / Math.abs(previous)) * 100
  if (Math.abs(pct) < 0.05) return { text: '持平', trend: 'flat' }
  return { text: `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`, trend: pct > 0 ? 'up' : 'down' }
}

/** A share as a percentage with one decimal (`0.4567` → `45.7%`). */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** Each value as a percentage of the largest (0–100), for bars drawn as sized views. */
export function barPercents(values: readonly number[]): number[] {
  const max = Math.max(0, ...values)
  return values.map((v) => (max <= 0 ? 0 : Math.round((Math.max(0, v) / max) * 1000) / 10))
}

/**
 * The hours worth drawing: from the first to the last hour with any sales in either series, widened to
 * at least 10:00–21:00 so a quiet morning still reads as a day.
 */
export function hourSpan(...series: readonly (readonly number[])[]): { from: number; to: number } {
  let from = 10
  let to = 21
  for (const s of series) {
    s.forEach((v, h) => {
      if (v > 0) {
        from = Math.min(from, h)
        to = Math.max(to, h)
      }
    })
  }
  return { from, to }
}

/** The day key `n` days after `day` (`YYYY-MM-DD`, calendar arithmetic in UTC). */
export function shiftDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** `2026-11-22` → `11月22日 周日`. */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${'日一二三四五六'[d.getUTCDay()]}`
}
