import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BffProcess, ROOT } from '../support/bff-process'
import { artifact, launchChromium } from '../support/browser'

let bff: BffProcess

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'client/dist/h5/index.html')))
    throw new Error('build the h5 client first (npm test does)')
  bff = await BffProcess.start()
})
afterAll(async () => {
  expect(await bff.stop()).toBe(0)
})

describe('the walking skeleton', () => {
  it('serves the h5 client, which fetches /healthz through the BFF and shows it', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 414, height: 896 } })
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(String(e)))
      await page.goto(`${bff.baseUrl}/#/pages/index/index`)
      await page.locator('#health-status').waitFor({ timeout: 20_000 })
      expect((await page.locator('#health-status').textContent())?.trim()).toBe('ok')
      expect((await page.locator('#health-db').textContent())?.trim()).toBe('pglite')
      await page.screenshot({ path: artifact('h5-health.png'), fullPage: true })
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('answers /healthz over real HTTP and exits 0 on SIGTERM within 5 s', async () => {
    const res = await fetch(`${bff.baseUrl}/healthz`)
    expect(await res.json()).toMatchObject({ ok: true, db: 'pglite' })
    const other = await BffProcess.start()
    const t0 = Date.now()
    expect(await other.stop()).toBe(0)
    expect(Date.now() - t0).toBeLessThan(5000)
  })
})
