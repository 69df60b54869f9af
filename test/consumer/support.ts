import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { BffProcess, ROOT } from '../support/bff-process'
import { launchChromium } from '../support/browser'

/** Fails early with a clear message when the h5 build is missing (npm test builds it before this stage). */
export function requireH5Build(): void {
  if (!existsSync(path.join(ROOT, 'client/dist/h5/index.html')))
    throw new Error('build the h5 client first: cd client && NODE_ENV=production npx taro build --type h5')
}

/** A consumer: a fresh browser context (own storage, so own login) on a phone-sized viewport. */
export async function newConsumer(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  return { context, page, errors }
}

/** The trimmed text of `selector`, once it is visible. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const el = page.locator(selector).first()
  await el.waitFor({ timeout: 15_000 })
  return ((await el.textContent()) ?? '').trim()
}

/** Waits until `selector`'s text matches. */
export async function waitForText(page: Page, selector: string, expected: string | RegExp, timeout = 15_000) {
  await page.waitForFunction(
    ({ selector, source, flags, exact }) => {
      const t = document.querySelector(selector)?.textContent?.trim() ?? ''
      return exact !== null ? t === exact : new RegExp(source, flags).test(t)
    },
    {
      selector,
      exact: typeof expected === 'string' ? expected : null,
      source: expected instanceof RegExp ? expected.source : '',
      flags: expected instanceof RegExp ? expected.flags : '',
    },
    { timeout },
  )
}

/** The query parameter `name` of the page's hash route (`#/pages/order/index?orderId=…`). */
export function routeParam(page: Page, name: string): string | undefined {
  const query = new URL(page.url()).hash.split('?')[1] ?? ''
  return new URLSearchParams(query).get(name) ?? undefined
}

/** A JSON call to the BFF, for what a staff member does on their tablet. */
export async function api(
  baseUrl: string,
  method: string,
  pathname: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(baseUrl + pathname, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) }
}

/** Polls `predicate` until it holds. */
export async function waitUntil(predicate: () => boolean, timeout = 15_000): Promise<void> {
  const t0 = Date.now()
  while (!predicate()) {
    if (Date.now() - t0 > timeout) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** What a consumer suite runs against: one BFF process and one Chromium for the file. */
export interface ConsumerStage {
  readonly bff: BffProcess
  readonly browser: Browser
}

/** Starts a BFF and Chromium before the file's tests (after checking the h5 build) and stops them after. */
export function consumerStage(): ConsumerStage {
  const stage = {} as { bff: BffProcess; browser: Browser }
  beforeAll(async () => {
    requireH5Build()
    stage.bff = await BffProcess.start()
    stage.browser = await launchChromium()
  })
  afterAll(async () => {
    await stage.browser?.close()
    await stage.bff?.stop()
  })
  return stage
}
