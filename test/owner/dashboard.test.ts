import { existsSync } from 'node:fs'
import path from 'node:path'
import { send, simulatorFor } from '@xiaodian/bff/simulator'
import {
  AttentionResponse,
  PurchaseSuggestionResponse,
  ReconciliationResponse,
  SalesReportResponse,
} from '@xiaodian/shared'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BffProcess, ROOT } from '../support/bff-process'
import { artifact, launchChromium } from '../support/browser'

let bff: BffProcess
let browser: Browser
let token: string

/** Money as the dashboard prints it, written out here independently: `¥1,234.50`. */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`
}

async function api<T>(schema: { parse(v: unknown): T }, url: string): Promise<T> {
  const res = await fetch(`${bff.baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return schema.parse(await res.json())
}

/** The whole dashboard: Taro's h5 page scrolls inside its own container, so grow the viewport to fit it. */
async function fullShot(page: Page, name: string) {
  const height = await page.evaluate(() => (document.querySelector('.owner__body')?.scrollHeight ?? 900) + 80)
  const { width } = page.viewportSize() ?? { width: 430 }
  await page.setViewportSize({ width, height })
  await page.waitForTimeout(300)
  await page.screenshot({ path: artifact(name) })
  await page.setViewportSize({ width, height: 932 })
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim()

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'client/dist/h5/index.html')))
    throw new Error('build the h5 client first: cd client && NODE_ENV=production npx taro build --type h5')
  bff = await BffProcess.start({ env: { SEED_DEMO: '1' } })
  // The shop answers at once; the month of sales is seeded in the background and announced on stdout.
  const t0 = Date.now()
  while (!bff.output.includes('demo      ready')) {
    if (Date.now() - t0 > 90_000) throw new Error(`demo not seeded:\n${bff.output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  token = await bff.staffToken('tea-01', '9999')
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  expect(await bff?.stop()).toBe(0)
})

describe("the owner's day in the h5 build", () => {
  it('signs in with the owner PIN and shows the seeded day, its charts and numbers matching the API', async () => {
    const page = await browser.newPage({ viewport: { width: 430, height: 932 }, deviceScaleFactor: 2 })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(`${bff.baseUrl}/#/owner/pages/dashboard/index`)
    await page.locator('#owner-login').waitFor({ timeout: 30_000 })
    await page.locator('#store-tea-01').click()
    for (const d of '9999') await page.locator(`#pin-${d}`).click()
    await page.locator('#login-submit').click()
    await page.locator('#kpi-net').waitFor({ timeout: 20_000 })
    await page.locator('#attention-list').waitFor({ timeout: 20_000 })

    const report = await api(SalesReportResponse, '/api/stores/tea-01/reports/daily')
    const attention = await api(AttentionResponse, '/api/stores/tea-01/attention')
    const s = report.sales
    expect(s.orders).toBeGreaterThan(0)
    expect(await text(page, '#kpi-net .kpi__value')).toBe(yuan(s.netFen))
    expect(await text(page, '#kpi-orders .kpi__value')).toBe(String(s.orders))
    expect(await text(page, '#kpi-avg .kpi__value')).toBe(yuan(s.averageTicketFen))
    expect(await text(page, '#kpi-net .kpi__prev')).toContain(yuan(report.comparison.sales.netFen))
    expect(await text(page, '#store-name')).toBe('茶语小栈 · 人民路店')

    // The hourly curve: one column per hour from the first to the last busy one, each carrying its orders.
    const cols = page.locator('#chart-hourly .hours__col')
    const hours = await cols.evaluateAll((els) => els.map((e) => [e.id, Number(e.getAttribute('data-orders'))]))
    expect(hours.length).toBeGreaterThanOrEqual(12)
    for (const [id, orders] of hours) expect(orders, String(id)).toBe(s.byHour[Number(String(id).slice(5))]?.orders)
    // Columns are scaled to the busiest hour of either week (last week's level is the marker).
    const max = Math.max(...s.byHour.map((h) => h.orders), ...report.comparison.sales.byHour.map((h) => h.orders))
    const busiest = s.byHour.reduce((best, h, i) => (h.orders > (s.byHour[best]?.orders ?? 0) ? i : best), 0)
    const height = await page.locator(`#hour-${busiest} .hours__bar`).evaluate((e) => (e as HTMLElement).style.height)
    expect(height).toBe(`${Math.round(((s.byHour[busiest]?.orders ?? 0) / max) * 1000) / 10}%`)

    // Revenue by channel: a bar per channel with its net figure.
    for (const [ch, f] of Object.entries(s.byChannel)) {
      expect(await text(page, `#chart-channels-${ch} .bars__value`)).toContain(yuan(f.netFen))
    }
    const top = s.byItem[0]!
    expect(await text(page, `#chart-items-${top.itemId} .bars__value`)).toContain(String(top.quantity))
    expect(await text(page, '#discount-total')).toBe(`−${yuan(s.discountFen)}`)
    expect(await text(page, '#refund-total')).toBe(yuan(s.refundFen))
    expect(await page.locator('#attention-list .attention__item').count()).toBe(attention.items.length)
    expect(new Set(attention.items.map((i) => i.kind))).toEqual(
      new Set(['meituan_not_accepted', 'paid_not_done', 'payment_without_order', 'refund_waiting']),
    )
    // 以销定采: tomorrow's purchase list, the lines to act on.
    const plan = await api(PurchaseSuggestionResponse, '/api/stores/tea-01/purchasing')
    const act = plan.lines.filter((l) => l.packs > 0 || l.stockOutBeforeDay || l.stockOutHour !== null).slice(0, 8)
    await page.locator('#purchase-list').waitFor({ timeout: 15_000 })
    expect(await page.locator('#purchase-list .row').count()).toBe(act.length)
    const first = act[0]
    if (first && first.packs > 0) {
      expect(await text(page, `#purchase-${first.ingredientId} .row__value`)).toBe(
        `买 ${first.suggestedQuantity}${first.unit}`,
      )
    }
    // Yesterday's reconciliation.
    const recon = await api(ReconciliationResponse, `/api/stores/tea-01/reconciliation?day=${shift(report.to, -1)}`)
    await page.locator('#reconciliation').waitFor({ timeout: 15_000 })
    expect(await text(page, '#reconciliation-mismatches')).toBe(
      recon.mismatches.length === 0 ? '全部对上' : `${recon.mismatches.length} 处不符`,
    )
    await fullShot(page, 'owner-dashboard.png')

    // Live: a Meituan order and a refund request arrive; the page follows the order stream.
    await page.locator('#live-status', { hasText: '实时' }).waitFor({ timeout: 15_000 })
    const sim = simulatorFor()
    expect((await send(bff.baseUrl, sim.meituanOrder('tea-01'))).status).toBe(200)
    await page.locator('#kpi-orders .kpi__value', { hasText: String(s.orders + 1) }).waitFor({ timeout: 15_000 })
    const unaccepted = attention.items.find((i) => i.kind === 'meituan_not_accepted')!
    const mtId = unaccepted.orderId!.replace(/^meituan-/, '')
    expect((await send(bff.baseUrl, sim.meituanRefund('tea-01', mtId, 'r-live-1', 'apply'))).status).toBe(200)
    await expect
      .poll(() => page.locator('#attention-list .attention__item').count(), { timeout: 15_000 })
      .toBe(attention.items.length + 1)

    // A week at a glance: the 7-day range adds up to the API's.
    await page.locator('#tab-7').click()
    const week = await api(
      SalesReportResponse,
      `/api/stores/tea-01/reports/daily?from=${shift(report.to, -6)}&to=${report.to}`,
    )
    await page.locator('#kpi-orders .kpi__value', { hasText: String(week.sales.orders) }).waitFor({ timeout: 15_000 })
    expect(await text(page, '#kpi-net .kpi__value')).toBe(yuan(week.sales.netFen))
    await fullShot(page, 'owner-dashboard-week.png')
    expect(errors).toEqual([])
  })

  it('refuses a staff PIN', async () => {
    const page = await browser.newPage({ viewport: { width: 430, height: 932 } })
    await page.goto(`${bff.baseUrl}/#/owner/pages/dashboard/index`)
    await page.locator('#owner-login').waitFor({ timeout: 30_000 })
    await page.locator('#store-tea-01').click()
    for (const d of '1111') await page.locator(`#pin-${d}`).click()
    await page.locator('#login-submit').click()
    await page.locator('#login-error').waitFor({ timeout: 10_000 })
    expect(await text(page, '#login-error')).toContain('老板 PIN')
  })
})

function shift(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
