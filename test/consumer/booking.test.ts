import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { artifact } from '../support/browser'
import { api, newConsumer, consumerStage, textOf, waitForText } from './support'

const stage = consumerStage()

const BOOKING = '/#/consumer/pages/booking/index?storeId=wash-01'
const PASSES = '/#/consumer/pages/passes/index?storeId=wash-01'

describe('booking a wash on the h5 build', () => {
  it('holds a slot with a countdown, pays, and a second consumer cannot take the same bay at the same time', async () => {
    const a = await newConsumer(stage.browser)
    const b = await newConsumer(stage.browser)
    // Both open 精致洗车 (it needs the lift, and one bay has it) for tomorrow at 10:00.
    for (const { page } of [a, b]) {
      await page.goto(`${stage.bff.baseUrl}${BOOKING}`)
      await page.locator('#svc-fine-wash').click({ timeout: 30_000 })
      await page.locator('#day-1').click()
      await page.locator('#slot-1000').click({ timeout: 15_000 })
    }

    await a.page.locator('#booking-hold').click()
    await a.page.locator('#hold-countdown').waitFor({ timeout: 15_000 })
    expect(await textOf(a.page, '#hold-countdown')).toMatch(/^1[45]:[0-5]\d$/)
    expect(await textOf(a.page, '#booking-status')).toBe('待支付')
    await a.page.screenshot({ path: artifact('consumer-booking-hold.png'), fullPage: true })
    await a.page.locator('#booking-pay').click()
    await waitForText(a.page, '#booking-status', '已确认', 20_000)
    expect(await textOf(a.page, '#booking-bay')).toBe('4号工位(举升机)')
    await a.page.screenshot({ path: artifact('consumer-booking-confirmed.png'), fullPage: true })

    // B still sees 10:00 on a screen loaded earlier; the BFF refuses it and offers the nearest free starts.
    await b.page.locator('#booking-hold').click()
    await b.page.locator('#booking-error').waitFor({ timeout: 15_000 })
    expect(await textOf(b.page, '#booking-error')).toContain('刚被别人约走')
    await b.page.locator('#booking-error [id^="near-"]').first().waitFor()
    await b.page.locator('#slots').waitFor()
    expect(await b.page.locator('#slot-1000').count()).toBe(0)
    await b.page.screenshot({ path: artifact('consumer-booking-taken.png'), fullPage: true })
    expect(await b.page.locator('#hold-countdown').count()).toBe(0)

    // A moves the booking to 14:00 and then cancels it; 10:00 is free again for B.
    const booked = a.page.locator('[id^="mybooking-"]').first()
    const bookingId = ((await booked.getAttribute('id')) ?? '').replace('mybooking-', '')
    await a.page.locator(`#resched-${bookingId}`).click()
    await a.page.locator('#slot-1400').click({ timeout: 15_000 })
    await a.page.locator('#booking-reschedule').click()
    await waitForText(a.page, `#mybooking-${bookingId}`, /14:00/)
    await a.page.locator(`#cancel-${bookingId}`).click()
    await waitForText(a.page, `#mybooking-${bookingId}`, /已取消/)
    await b.page.reload()
    await b.page.locator('#svc-fine-wash').click({ timeout: 30_000 })
    await b.page.locator('#day-1').click()
    await b.page.locator('#slot-1000').waitFor({ timeout: 15_000 })
    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  })
})

describe('passes on the h5 build', () => {
  it('buys a 10-wash pass, shows its QR code, and sees the use when staff redeem it', async () => {
    const { page, context, errors } = await newConsumer(stage.browser)
    await page.goto(`${stage.bff.baseUrl}${PASSES}`)
    await page.locator('#buy-wash-10').click({ timeout: 30_000 })
    const status = page.locator('[id^="pass-status-"]').first()
    await status.waitFor({ timeout: 20_000 })
    const passId = ((await status.getAttribute('id')) ?? '').replace('pass-status-', '')
    await waitForText(page, `#pass-status-${passId}`, '使用中', 20_000)
    expect(await textOf(page, `#pass-uses-${passId}`)).toBe('剩余 10 次')

    await page.locator(`#pass-show-${passId}`).click()
    await page.locator('#pass-qr-code').waitFor({ timeout: 15_000 })
    const code = await textOf(page, '#pass-code-text')
    expect(await page.locator('#pass-qr-code .qr__run').count()).toBeGreaterThan(100)
    await page.screenshot({ path: artifact('consumer-pass-qr.png'), fullPage: true })

    // The staff tablet scans it: one 标准洗车.
    const staff = await stage.bff.staffToken('wash-01', '2222')
    const redeemed = await api(
      stage.bff.baseUrl,
      'POST',
      '/api/stores/wash-01/passes/redeem',
      { code, itemId: 'basic-wash', redemptionId: randomUUID() },
      staff,
    )
    expect(redeemed.status).toBe(200)
    await waitForText(page, '#pass-qr-uses', '剩余 9 次')
    await page.screenshot({ path: artifact('consumer-pass-redeemed.png'), fullPage: true })

    // Pause and resume from the app.
    await page.locator('#pass-qr-close').click()
    await page.locator(`#pass-pause-${passId}`).click()
    await waitForText(page, `#pass-status-${passId}`, '已暂停')
    await page.locator(`#pass-resume-${passId}`).click()
    await waitForText(page, `#pass-status-${passId}`, '使用中')
    expect(errors).toEqual([])
    await context.close()
  })
})
