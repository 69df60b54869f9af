import { describe, expect, it } from 'vitest'
import { BOARD_MAPS, boardDocName, soldOutKey } from '@xiaodian/shared'
import { YjsMember } from '../collab/yjs-member'
import { artifact } from '../support/browser'
import { api, newConsumer, consumerStage, routeParam, textOf, waitForText, waitUntil } from './support'

const stage = consumerStage()

describe('a consumer orders on the h5 build', () => {
  it('orders two drinks with options, sees 满减 and the nudge, pays in the sandbox and follows the order to ready', async () => {
    const { page, errors, context } = await newConsumer(stage.browser)
    await page.goto(`${stage.bff.baseUrl}/`)
    await page.locator('#item-pearl-milk-tea').waitFor({ timeout: 30_000 })
    expect(await textOf(page, '#promo-banner')).toContain('满30减5')

    // 珍珠奶茶, 大杯, 三分糖, 少冰, +奶盖: ¥15 + ¥5.
    await page.locator('#item-pearl-milk-tea').click()
    await page.locator('#sku-pearl-milk-tea-l').click()
    await page.locator('#opt-sugar-sugar-30').click()
    await page.locator('#opt-ice-ice-less').click()
    await page.locator('#opt-toppings-cheese-foam').click()
    await waitForText(page, '#picker-price', '¥20.00')
    expect(await textOf(page, '#picker-detail')).toBe('大杯 · 三分糖 · 少冰 · 奶盖')
    await page.screenshot({ path: artifact('consumer-options.png') })
    await page.locator('#picker-add').click()
    await waitForText(page, '#cart-count', '1')

    // 生椰拿铁, 去冰: ¥18. Two different categories, so only 满减 applies (第二杯半价 needs two milk teas).
    await page.locator('#item-coconut-latte').click()
    await page.locator('#opt-ice-ice-none').click()
    await waitForText(page, '#picker-price', '¥18.00')
    await page.locator('#picker-add').click()
    await waitForText(page, '#cart-count', '2')
    await page.screenshot({ path: artifact('consumer-menu.png') })

    await page.locator('#go-cart').click()
    await page.locator('#promo-manjian').waitFor({ timeout: 15_000 })
    expect(await textOf(page, '#promo-manjian')).toBe('满30减5 · 满50减12-¥5.00')
    expect(await textOf(page, '#cart-nudge')).toContain('再买¥12.00 立减¥12')
    expect(await textOf(page, '#cart-total')).toBe('¥33.00')
    expect(await textOf(page, '#cart-saving')).toBe('已优惠 ¥5.00')
    await page.locator('#ful-dine_in').click()
    await page.locator('#cart-notes textarea').fill('奶盖分开装')
    await page.screenshot({ path: artifact('consumer-cart.png'), fullPage: true })

    await page.locator('#checkout-pay').click()
    await page.locator('#pay-amount').waitFor({ timeout: 15_000 })
    // The BFF prices the order itself: a first order also gets 新客立减3元.
    expect(await textOf(page, '#pay-amount')).toBe('¥30.00')
    const orderId = routeParam(page, 'orderId')
    expect(orderId).toMatch(/^[0-9a-f]{32}$/)
    await page.screenshot({ path: artifact('consumer-pay.png') })
    await page.locator('#pay-confirm').click()

    await page.locator('#pickup-number').waitFor({ timeout: 15_000 })
    await waitForText(page, '#order-status', '已下单')
    await waitForText(page, '#order-live', /实时/)
    const pickup = await textOf(page, '#pickup-number')
    expect(pickup).toMatch(/^\d{3}$/)

    // The order is paid through WeChat Pay's notification path, for the amount the BFF priced.
    const token = await stage.bff.staffToken('tea-01', '1111')
    const stored = await api(stage.bff.baseUrl, 'GET', `/api/stores/tea-01/orders/${orderId}`, undefined, token)
    const order = (stored.body as { order: Record<string, unknown> }).order
    expect(order).toMatchObject({ payment: 'paid', fulfilmentType: 'dine_in', notes: '奶盖分开装' })
    expect(Object.values(order.payments as object)).toEqual([
      expect.objectContaining({ method: 'wechatpay', amountFen: 3000 }),
    ])

    // A staff member moves it on their tablet; the consumer's page follows live.
    for (const [status, shown] of [
      ['making', '制作中'],
      ['ready', '可取餐'],
    ] as const) {
      const moved = await api(
        stage.bff.baseUrl,
        'POST',
        `/api/stores/tea-01/orders/${orderId}/status`,
        { status },
        token,
      )
      expect(moved.status).toBe(200)
      await waitForText(page, '#order-status', shown)
    }
    expect(await textOf(page, '#pickup-number')).toBe(pickup)
    await page.screenshot({ path: artifact('consumer-order-ready.png'), fullPage: true })

    // History lists it.
    await page.locator('#order-history').click()
    await page.locator(`#history-${orderId}`).waitFor({ timeout: 15_000 })
    expect(await textOf(page, `#history-${orderId}`)).toContain('可取餐')
    await page.screenshot({ path: artifact('consumer-history.png'), fullPage: true })
    expect(errors).toEqual([])
    await context.close()
  })

  it('sees an item sell out while the menu is open, as soon as staff mark it on the shared board', async () => {
    const { page, context, errors } = await newConsumer(stage.browser)
    await page.goto(`${stage.bff.baseUrl}/`)
    await page.locator('#item-taro-boba').waitFor({ timeout: 30_000 })
    expect(await page.locator('#soldout-taro-boba').count()).toBe(0)
    const staff = new YjsMember(
      `ws://127.0.0.1:${stage.bff.port}/collab`,
      boardDocName('tea-01'),
      'staff',
      await stage.bff.staffToken('tea-01', '1111'),
    )
    try {
      await waitUntil(() => staff.synced)
      const t0 = Date.now()
      staff.doc.getMap(BOARD_MAPS.soldOut).set(soldOutKey('item', 'taro-boba'), { by: '小李', at: Date.now() })
      await page.locator('#soldout-taro-boba').waitFor({ timeout: 10_000 })
      // The long-poll feed, not the 5 s menu refresh, brought it.
      expect(Date.now() - t0).toBeLessThan(4_000)
      await page.screenshot({ path: artifact('consumer-soldout.png') })
      staff.doc.getMap(BOARD_MAPS.soldOut).delete(soldOutKey('item', 'taro-boba'))
      await page.locator('#soldout-taro-boba').waitFor({ state: 'detached', timeout: 10_000 })
    } finally {
      staff.provider.destroy()
    }
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows an offline message instead of a blank page', async () => {
    const { page, context } = await newConsumer(stage.browser)
    await page.goto(`${stage.bff.baseUrl}/`)
    await page.locator('#item-pearl-milk-tea').waitFor({ timeout: 30_000 })
    await context.setOffline(true)
    await page.locator('#offline-banner').waitFor({ timeout: 10_000 })
    expect(await textOf(page, '#offline-banner')).toContain('网络已断开')
    // The menu already shown stays; nothing goes blank.
    expect(await page.locator('#item-pearl-milk-tea').isVisible()).toBe(true)
    await page.screenshot({ path: artifact('consumer-offline.png') })
    await context.setOffline(false)
    await page.locator('#offline-banner').waitFor({ state: 'detached', timeout: 10_000 })
    await context.close()
  })
})
