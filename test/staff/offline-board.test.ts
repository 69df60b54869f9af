import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { send, simulatorFor } from '@xiaodian/bff/simulator'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { BffProcess, ROOT } from '../support/bff-process'
import { artifact, launchChromium } from '../support/browser'
import { CuttableLink, launchTabletBrowser } from './support'

const STORE = 'tea-01'
const ORDERS_OFFLINE = 20
const sim = simulatorFor()

let bff: BffProcess
let browser: Browser
// Tablet A reaches the BFF over a link the test can cut, in a browser with a profile on disk so it can be
// restarted; B talks to the BFF directly.
let lan: CuttableLink
const profileA = mkdtempSync(path.join(tmpdir(), 'xd-tablet-a-'))

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'client/dist/h5/sw.js'))) {
    throw new Error('build the h5 client first: cd client && NODE_ENV=production npx taro build --type h5')
  }
  bff = await BffProcess.start()
  lan = await CuttableLink.start(bff.baseUrl)
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await lan?.close()
  rmSync(profileA, { recursive: true, force: true })
  if (bff) expect(await bff.stop()).toBe(0)
})

interface Tablet {
  context: BrowserContext
  page: Page
  errors: string[]
}

// Every tablet page, for the screenshots taken when the test fails.
const pages: Page[] = []

async function openTablet(origin: string, context: BrowserContext): Promise<Tablet> {
  const page = context.pages()[0] ?? (await context.newPage())
  pages.push(page)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(`${origin}/#/staff/pages/board/index`)
  await page.locator(`#store-${STORE}`).click({ timeout: 30_000 })
  for (const digit of '1111') await page.locator(`#pin-${digit}`).click()
  await page.locator('#login-submit').click()
  await page.locator('#board').waitFor({ timeout: 30_000 })
  await waitForText(page, '#sync-online', '实时同步', 20_000)
  return { context, page, errors }
}

async function waitForText(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => document.querySelector(s as string)?.textContent?.includes(t as string) === true,
    [selector, text],
    { timeout },
  )
}

const pendingCount = async (page: Page) =>
  Number(((await page.locator('#sync-pending').textContent()) ?? '').replace(/\D/g, ''))

/** The pickup labels of the order cards on a tablet's board. */
const boardLabels = (page: Page) =>
  page.$$eval('#board [id^="order-"]', (cards) =>
    cards.map((c) => c.querySelector('.card__pickup')?.textContent?.trim() ?? ''),
  )

/** Every script and style the page loaded is in the service worker's cache, and the worker controls the page. */
async function shellCached(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) return false
    const cache = await caches.open('xd-shell-v1')
    const origin = location.origin
    const assets = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => u.startsWith(origin) && /\.(js|css)$/.test(u))
    const hits = await Promise.all([`${origin}/`, ...assets].map((u) => cache.match(u)))
    return hits.every((h) => h !== undefined)
  })
}

async function sellOne(page: Page, i: number): Promise<string> {
  const items = ['pearl-milk-tea', 'taro-boba', 'brown-sugar']
  await page.locator(`#item-${items[i % items.length]}`).click()
  if (i % 2 === 1) await page.locator('#option-toppings-pearl').click()
  if (i === 5) await page.screenshot({ path: artifact('staff-option-picker.png') })
  await page.locator('#option-add').click()
  if (i === 5) {
    // One fuller sale for the picture: a second line, large with two toppings and less ice, to take away.
    await page.locator('#category-fruit-tea').click()
    await page.locator('#item-mango-pomelo').click()
    await page.locator('#sku-mango-pomelo-l').click()
    await page.locator('#option-ice-ice-less').click()
    await page.locator('#option-toppings-coconut').click()
    await page.locator('#option-toppings-pudding').click()
    await page.locator('#option-add').click()
    await page.locator('#fulfilment-pickup').click()
    await page.locator('#category-milk-tea').click()
    await page.screenshot({ path: artifact('staff-counter.png') })
  }
  await page.locator(i % 3 === 0 ? '#pay-qr' : '#pay-cash').click()
  await page.locator('#receipt').waitFor()
  const label = ((await page.locator('#receipt-number').textContent()) ?? '').trim()
  if (i === 5) await page.screenshot({ path: artifact('staff-receipt.png') })
  await page.locator('#receipt-next').click()
  await page.locator('#receipt').waitFor({ state: 'detached' })
  return label
}

interface PulledOrder {
  id: string
  channel: string
  pickupNumber: number | null
  fulfilment: string
}

async function serverOrders(token: string): Promise<PulledOrder[]> {
  const res = await fetch(`${bff.baseUrl}/api/stores/${STORE}/replication/orders/pull?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return ((await res.json()) as { documents: PulledOrder[] }).documents
}

describe('the staff tablet through a whole offline stretch', () => {
  it('takes 20 counter orders offline, survives a reload and a browser restart, and converges with the other tablet', async () => {
    onTestFailed(async () => {
      console.error(`BFF output (tail):\n${bff.output.slice(-4000)}`)
      for (const [i, p] of pages.entries()) {
        await p.screenshot({ path: artifact(`staff-failure-${i}.png`) }).catch(() => undefined)
      }
    })
    const token = await bff.staffToken(STORE)
    const a = await openTablet(lan.url, await launchTabletBrowser(profileA))
    const b = await openTablet(bff.baseUrl, await browser.newContext({ viewport: { width: 1280, height: 800 } }))

    // Tablet A gets its menu, its pickup-number block and the app shell while online.
    await a.page.locator('#tab-counter').click()
    await a.page.locator('#item-pearl-milk-tea').waitFor({ timeout: 15_000 })
    await expect.poll(() => shellCached(a.page), { timeout: 20_000, interval: 250 }).toBe(true)

    // The network drops on A: the link to the BFF is cut, and the browser knows it is offline.
    lan.cut()
    await a.context.setOffline(true)
    await waitForText(a.page, '#sync-online', '离线')

    const labels: string[] = []
    let meituanId = ''
    for (let i = 0; i < ORDERS_OFFLINE; i++) {
      labels.push(await sellOne(a.page, i))
      if (i === 9) {
        // Meanwhile a Meituan order comes in; B, online, shows it within 2 s.
        const push = sim.meituanOrder(STORE)
        meituanId = `meituan-${push.orderId}`
        const t0 = Date.now()
        const res = await send(bff.baseUrl, push)
        expect(res.status).toBe(200)
        await b.page.locator(`#order-${meituanId}`).waitFor({ timeout: 2000 })
        expect(Date.now() - t0).toBeLessThan(2000)
        await b.page.locator('#new-order-alert').waitFor({ timeout: 2000 })
      }
    }
    expect(new Set(labels).size).toBe(ORDERS_OFFLINE)
    expect(labels.every((l) => /^A\d{4}$/.test(l))).toBe(true)
    await expect.poll(() => pendingCount(a.page), { timeout: 5000 }).toBe(ORDERS_OFFLINE)
    expect((await serverOrders(token)).filter((o) => o.channel === 'pos')).toHaveLength(0)

    // Reload while still offline: the service worker serves the shell, IndexedDB still holds the orders.
    // (The link is really down for the service worker too: an asset it has not cached cannot be fetched.)
    expect(
      await a.page.evaluate(() =>
        fetch('/sw.js?probe').then(
          () => 'reached',
          () => 'unreachable',
        ),
      ),
    ).toBe('unreachable')
    await a.page.reload()
    await a.page.locator('#board').waitFor({ timeout: 30_000 })
    await waitForText(a.page, '#sync-online', '离线')
    await expect.poll(() => boardLabels(a.page), { timeout: 10_000 }).toHaveLength(ORDERS_OFFLINE)
    expect((await boardLabels(a.page)).sort()).toEqual([...labels].sort())
    await expect.poll(() => pendingCount(a.page), { timeout: 10_000 }).toBe(ORDERS_OFFLINE)
    expect(await a.page.locator('.badge--unsynced').count()).toBe(ORDERS_OFFLINE)
    await a.page.screenshot({ path: artifact('staff-board-offline.png') })

    // Restart the tablet's browser, still offline: quit it and start it again on the same profile.
    await a.context.close()
    a.context = await launchTabletBrowser(profileA)
    await a.context.setOffline(true)
    a.page = a.context.pages()[0] ?? (await a.context.newPage())
    pages.push(a.page)
    a.page.on('pageerror', (e) => a.errors.push(String(e)))
    await a.page.goto(`${lan.url}/#/staff/pages/board/index`)
    await a.page.locator('#board').waitFor({ timeout: 30_000 })
    await waitForText(a.page, '#sync-online', '离线')
    await expect.poll(async () => (await boardLabels(a.page)).sort(), { timeout: 10_000 }).toEqual([...labels].sort())
    await expect.poll(() => pendingCount(a.page), { timeout: 10_000 }).toBe(ORDERS_OFFLINE)

    // Back online: A's orders reach the BFF and B; the Meituan order reaches A.
    lan.restore()
    await a.context.setOffline(false)
    await expect
      .poll(async () => (await serverOrders(token)).filter((o) => o.channel === 'pos').length, { timeout: 20_000 })
      .toBe(ORDERS_OFFLINE)
    const onServer = (await serverOrders(token)).filter((o) => o.channel === 'pos')
    expect(new Set(onServer.map((o) => o.pickupNumber)).size).toBe(ORDERS_OFFLINE)
    await a.page.locator(`#order-${meituanId}`).waitFor({ timeout: 10_000 })
    await expect.poll(() => pendingCount(a.page), { timeout: 10_000 }).toBe(0)
    await expect.poll(async () => (await boardLabels(b.page)).length, { timeout: 10_000 }).toBe(ORDERS_OFFLINE + 1)
    expect((await boardLabels(b.page)).filter((l) => l.startsWith('A')).sort()).toEqual([...labels].sort())

    // Moves replicate too: B accepts the Meituan order, A sees it accepted.
    await b.page.locator(`#move-accept-${meituanId}`).click()
    await b.page.locator('#undo-bar').waitFor()
    await a.page.locator(`#column-accepted #order-${meituanId}`).waitFor({ timeout: 15_000 })
    await expect
      .poll(async () => (await serverOrders(token)).find((o) => o.id === meituanId)?.fulfilment)
      .toBe('accepted')
    await b.page.screenshot({ path: artifact('staff-board.png') })

    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
    await a.context.close()
    await b.context.close()
  })
})
