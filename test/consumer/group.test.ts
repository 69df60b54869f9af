import { describe, expect, it } from 'vitest'
import { artifact } from '../support/browser'
import { newConsumer, consumerStage, textOf, waitForText } from './support'

const stage = consumerStage()

describe('一起点 on the h5 build', () => {
  it('one friend starts a group cart, another joins with the code, both add, the host orders and pays', async () => {
    const host = await newConsumer(stage.browser)
    const friend = await newConsumer(stage.browser)
    await host.page.goto(`${stage.bff.baseUrl}/#/pages/group/index?storeId=tea-01`)
    await host.page.locator('#group-start').click({ timeout: 30_000 })
    await host.page.locator('#group-cart-code').waitFor({ timeout: 15_000 })
    const code = (await textOf(host.page, '#group-cart-code')).match(/\d{6}/)?.[0]
    expect(code).toMatch(/^\d{6}$/)
    await waitForText(host.page, '#group-connection', /已同步/)

    await friend.page.goto(`${stage.bff.baseUrl}/#/pages/group/index?storeId=tea-01`)
    await friend.page.locator('#group-code-input input').fill(code ?? '')
    await friend.page.locator('#group-join').click()
    await waitForText(friend.page, '#group-connection', /已同步/)
    await waitForText(host.page, '#group-members', /成员 \(2\)/)

    await host.page.locator('#gitem-pearl-milk-tea').click()
    await host.page.locator('#picker-add').click()
    await friend.page.locator('#gitem-americano').click()
    await friend.page.locator('#picker-add').click()
    for (const { page } of [host, friend]) {
      await page.waitForFunction(() => document.querySelectorAll('[id^="gline-"]').length === 2, null, {
        timeout: 15_000,
      })
    }
    expect(await textOf(friend.page, '#group-lines')).toContain('珍珠奶茶')
    await host.page.screenshot({ path: artifact('consumer-group-cart.png'), fullPage: true })

    await host.page.locator('#group-lock').click()
    await host.page.locator('#pickup-number').waitFor({ timeout: 20_000 })
    await waitForText(host.page, '#order-status', '已下单')
    await friend.page.locator('#group-ordered').waitFor({ timeout: 15_000 })
    expect(await textOf(friend.page, '#group-ordered')).toContain(
      await textOf(host.page, '#pickup-number').then(Number).then(String),
    )
    expect([...host.errors, ...friend.errors]).toEqual([])
    await host.context.close()
    await friend.context.close()
  })

  it('opens a 拼团 and a friend joins it by the team number; each pays their seat', async () => {
    const host = await newConsumer(stage.browser)
    const friend = await newConsumer(stage.browser)
    await host.page.goto(`${stage.bff.baseUrl}/#/pages/group/index?storeId=tea-01`)
    await host.page.locator('[id^="gb-open-"]').first().click({ timeout: 30_000 })
    await waitForText(host.page, '#gb-status', /拼团中 · 1\/3 人/, 20_000)
    const teamId = (await textOf(host.page, '#gb-team-id')).match(/团号 (\S+)/)?.[1] ?? ''
    expect(teamId).not.toBe('')

    await friend.page.goto(`${stage.bff.baseUrl}/#/pages/group/index?storeId=tea-01`)
    await friend.page.locator('#gb-join-input input').fill(teamId, { timeout: 30_000 })
    await friend.page.locator('#gb-join').click()
    await waitForText(friend.page, '#gb-status', /拼团中 · 2\/3 人/, 20_000)
    await waitForText(host.page, '#gb-status', /2\/3 人/, 20_000)
    await host.page.screenshot({ path: artifact('consumer-groupbuy.png'), fullPage: true })
    expect([...host.errors, ...friend.errors]).toEqual([])
    await host.context.close()
    await friend.context.close()
  })
})
