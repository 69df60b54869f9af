#!/usr/bin/env node
// A Node "mini-program host" for the weapp build: it runs dist/weapp/app.js and a page in a bare node:vm
// context (ECMAScript built-ins and timers only, so anything the WeChat runtime lacks fails here too) with
// stubbed wx, App, Page, Component and getApp and a CommonJS require. It drives the page lifecycle and
// reads what Taro rendered from the page's setData.
//
// It checks JS semantics only: no WXML is rendered and no WeChat-specific behaviour is caught. The real
// check stays WeChat DevTools or a device.
//
// Usage: node test-weapp/harness.mjs [dist/weapp]   (after `taro build --type weapp`)
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(process.argv[2] ?? path.join(here, '../dist/weapp'))
const API_BASE = process.env.XD_API_BASE ?? 'http://127.0.0.1:8787'
const HEALTH = { ok: true, db: 'pglite', version: 'x' }
const STORE = { id: 'tea-01', name: '茶语小栈 · 人民路店', kind: 'tea', timeZone: 'Asia/Shanghai' }
const MENU = {
  store: STORE,
  menu: {
    id: 'tea-01-menu',
    categories: [
      {
        id: 'milk-tea',
        name: '招牌奶茶',
        items: [
          {
            id: 'pearl-milk-tea',
            name: '珍珠奶茶',
            skus: [
              { id: 'pearl-milk-tea-m', name: '中杯', priceFen: 1200 },
              { id: 'pearl-milk-tea-l', name: '大杯', priceFen: 1500 },
            ],
            optionGroups: [
              {
                id: 'toppings',
                name: '加料',
                kind: 'multi',
                required: false,
                options: [{ id: 'pearl', name: '珍珠', priceDeltaFen: 200 }],
              },
            ],
          },
          {
            id: 'taro-boba',
            name: '芋泥波波',
            skus: [{ id: 'taro-boba-m', name: '中杯', priceFen: 1600 }],
            optionGroups: [],
          },
        ],
      },
    ],
  },
  promotions: [{ id: 'manjian', name: '满30减5 · 满50减12' }],
  soldOut: { items: ['taro-boba'], skus: [], options: [] },
}
const placed = [] // order requests the checkout sent
const payments = [] // wx.requestPayment calls
/** The order the BFF would store for a placed request (the shared order contract). */
function orderOf(body) {
  const lineTotal = 1400
  return {
    id: body.orderId,
    storeId: 'tea-01',
    channel: 'miniprogram',
    externalId: body.orderId,
    businessDay: '2026-11-23',
    fulfilmentType: body.fulfilment,
    pickupNumber: 12,
    customer: { id: 'o-harness', name: '顾客', phoneMasked: null },
    lines: body.lines.map((l) => ({
      id: l.id,
      itemId: l.selection.itemId,
      itemName: '珍珠奶茶',
      categoryId: 'milk-tea',
      skuId: l.selection.skuId,
      skuName: '中杯',
      options: [{ groupId: 'toppings', optionId: 'pearl', name: '珍珠', priceDeltaFen: 200 }],
      unitPriceFen: lineTotal,
      quantity: l.selection.quantity,
      subtotalFen: lineTotal,
      discounts: [],
      totalFen: lineTotal,
    })),
    amounts: { subtotalFen: lineTotal, discountFen: 0, feesFen: 0, totalFen: lineTotal },
    promotions: [],
    linesStamp: { v: 1, at: 1, by: 'miniprogram' },
    notes: '',
    notesStamp: { v: 0, at: 1, by: 'miniprogram' },
    fulfilment: 'submitted',
    acceptance: null,
    cancelReason: null,
    payment: 'unpaid',
    payments: {},
    refunds: {},
    timestamps: {
      createdAt: 1,
      acceptedAt: null,
      makingAt: null,
      readyAt: null,
      doneAt: null,
      cancelledAt: null,
      updatedAt: 1,
    },
  }
}
// What the BFF answers, by `METHOD url`: a body, or a function of the request body.
const ROUTES = {
  [`GET ${API_BASE}/healthz`]: HEALTH,
  [`GET ${API_BASE}/api/stores`]: { stores: [STORE] },
  [`GET ${API_BASE}/api/stores/tea-01/menu`]: MENU,
  [`POST ${API_BASE}/api/stores/tea-01/cart/price`]: (body) => ({
    lines: body.lines.map((l) => ({
      id: l.id,
      itemName: '珍珠奶茶',
      skuName: '中杯',
      quantity: l.selection.quantity,
      unitPriceFen: 1400,
      subtotalFen: 1400,
      totalFen: 1400,
      options: [{ name: '珍珠', priceDeltaFen: 200 }],
    })),
    amounts: { subtotalFen: 1400, discountFen: 0, feesFen: 0, totalFen: 1400 },
    promotions: [],
    nudge: { message: '再买¥16.00 立减¥5' },
  }),
  [`POST ${API_BASE}/api/auth/consumer`]: (body) =>
    body.code === 'wx-login-code' ? { token: 'h.t.s', openid: 'o-harness' } : { error: { code: 'X', message: 'no' } },
  [`POST ${API_BASE}/api/stores/tea-01/orders`]: (body) => {
    placed.push(body)
    return { order: orderOf(body) }
  },
}
function answerFor(method, url, data) {
  const direct = ROUTES[`${method} ${url}`]
  if (typeof direct === 'function') return direct(JSON.parse(data ?? '{}'))
  if (direct !== undefined) return direct
  // The signed wx.requestPayment parameters of the order just placed.
  const jsapi = new RegExp(`^${API_BASE}/api/stores/tea-01/orders/([0-9a-f]{32})/jsapi$`).exec(url)
  if (method === 'POST' && jsapi && placed.some((b) => b.orderId === jsapi[1]))
    return {
      params: {
        appId: 'wxd0000000demo0001',
        timeStamp: '1795000000',
        nonceStr: 'N0NCE',
        package: `prepay_id=wx${jsapi[1].slice(0, 20)}`,
        signType: 'RSA',
        paySign: 'c2lnbmVk',
      },
    }
  return undefined
}
const TIMEOUT_MS = 10_000

if (!existsSync(path.join(dist, 'app.js'))) fail(`no weapp build in ${dist}: run \`npx taro build --type weapp\``)

// ---- the host: what WeChat would provide --------------------------------------------------------------
const calls = [] // every wx API called, reported at the end
const requests = []
const navigations = []
const appShowListeners = []
const pageConfigs = {}
let appConfig = null
let appInstance = null

const wx = {
  getSystemInfoSync: () => systemInfo(),
  getSystemInfo: (o) => later(() => o.success?.(systemInfo())),
  getWindowInfo: () => systemInfo(),
  getDeviceInfo: () => systemInfo(),
  getAppBaseInfo: () => systemInfo(),
  getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
  canIUse: () => true,
  nextTick: (fn) => setTimeout(fn, 0),
  request(options) {
    const { url, method = 'GET', data, dataType, success, fail, complete } = options
    requests.push({ url, method })
    let aborted = false
    later(() => {
      if (aborted) return
      const answer = answerFor(method, url, data)
      if (answer !== undefined) {
        const body = JSON.stringify(answer)
        const res = {
          statusCode: 200,
          header: { 'content-type': 'application/json' },
          data: dataType === 'json' ? JSON.parse(body) : body,
          errMsg: 'request:ok',
        }
        success?.(res)
        complete?.(res)
      } else {
        const res = { errMsg: `request:fail unexpected ${method} ${url}` }
        fail?.(res)
        complete?.(res)
      }
    }, 20)
    return {
      abort: () => {
        aborted = true
      },
      onHeadersReceived() {},
      offHeadersReceived() {},
    }
  },
  getNetworkType: (o) =>
    later(() => {
      o.success?.({ networkType: 'wifi', errMsg: 'getNetworkType:ok' })
      o.complete?.()
    }),
  onNetworkStatusChange() {},
  offNetworkStatusChange() {},
  onAppShow: (fn) => appShowListeners.push(fn),
  offAppShow() {},
  onAppHide() {},
  offAppHide() {},
  getStorageSync: (key) => storage.get(key) ?? '',
  setStorageSync: (key, value) => void storage.set(key, value),
  removeStorageSync: (key) => void storage.delete(key),
  navigateTo: (o) => {
    navigations.push(o.url)
    later(() => o.success?.({ errMsg: 'navigateTo:ok' }))
  },
  reLaunch: (o) => {
    navigations.push(o.url)
    later(() => o.success?.({ errMsg: 'reLaunch:ok' }))
  },
  pageScrollTo: (o) => later(() => o.success?.({ errMsg: 'pageScrollTo:ok' })),
  redirectTo: (o) => {
    navigations.push(o.url)
    later(() => o.success?.({ errMsg: 'redirectTo:ok' }))
  },
  login: (o) => later(() => o.success?.({ code: 'wx-login-code', errMsg: 'login:ok' })),
  requestPayment: (o) => {
    payments.push(o)
    later(() => o.success?.({ errMsg: 'requestPayment:ok' }))
  },
  connectSocket: () => fail('the index page must not open a socket'),
}
const storage = new Map()
for (const [name, fn] of Object.entries(wx)) {
  if (typeof fn === 'function')
    wx[name] = (...args) => {
      calls.push(name)
      return fn(...args)
    }
}

function systemInfo() {
  return {
    platform: 'devtools',
    system: 'iOS 17',
    model: 'harness',
    pixelRatio: 2,
    windowWidth: 375,
    windowHeight: 667,
    screenWidth: 375,
    screenHeight: 667,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.50',
    SDKVersion: '3.7.0',
    safeArea: { top: 20, left: 0, right: 375, bottom: 667, width: 375, height: 647 },
  }
}

function later(fn, ms = 0) {
  setTimeout(fn, ms)
}

const context = vm.createContext({
  console,
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  wx,
  App: (config) => {
    appConfig = config
  },
  Page: (config) => {
    pageConfigs[currentFile] = config
  },
  Component: (config) => {
    pageConfigs[currentFile] = config
  },
  getApp: () => appInstance,
  getCurrentPages: () => currentPages,
  requirePlugin: () => ({}),
})
vm.runInContext('var global = globalThis', context)

// ---- CommonJS require over dist/ --------------------------------------------------------------------
const modules = new Map()
let currentFile = ''
let currentPages = []

function load(file) {
  const resolved = file.endsWith('.js') ? file : `${file}.js`
  if (modules.has(resolved)) return modules.get(resolved).exports
  const module = { exports: {} }
  modules.set(resolved, module)
  const code = readFileSync(resolved, 'utf8')
  const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, { filename: resolved })
  const previous = currentFile
  currentFile = resolved
  fn((request) => load(path.resolve(path.dirname(resolved), request)), module, module.exports)
  currentFile = previous
  return module.exports
}

// ---- Taro's page data: setData applies path keys like `root.cn.[0].cn.[1].v` ---------------------------
function applySetData(data, patch) {
  for (const [key, value] of Object.entries(patch)) {
    const parts = key.split('.').map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part))
    let target = data
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]
      if (target[part] === undefined || target[part] === null) target[part] = typeof parts[i + 1] === 'number' ? [] : {}
      target = target[part]
    }
    target[parts.at(-1)] = structuredClone(value)
  }
}

/** Text of the element whose id is `id`, or undefined. Taro puts a user id in `uid`, text in `v`. */
function textOf(root, id) {
  const node = find(root, (n) => n.uid === id || n.id === id)
  return node === undefined ? undefined : collectText(node)
}
function find(node, predicate) {
  if (node === null || typeof node !== 'object') return undefined
  if (predicate(node)) return node
  for (const child of node.cn ?? []) {
    const hit = find(child, predicate)
    if (hit) return hit
  }
  return undefined
}
function collectText(node) {
  return (typeof node.v === 'string' ? node.v : '') + (node.cn ?? []).map(collectText).join('')
}

function createPage(route) {
  const file = path.join(dist, `${route}.js`)
  load(file)
  const config = pageConfigs[file]
  if (!config) fail(`${route}.js did not call Page()`)
  const page = Object.create(config)
  page.data = structuredClone(config.data ?? {})
  page.route = route
  page.__route__ = route
  page.options = {}
  page.setData = (patch, cb) => {
    applySetData(page.data, patch)
    updates++
    if (cb) later(cb)
  }
  currentPages = [page]
  return page
}

async function waitFor(what, predicate) {
  const start = Date.now()
  while (Date.now() - start < TIMEOUT_MS) {
    const value = predicate()
    if (value) return value
    await new Promise((r) => setTimeout(r, 20))
  }
  fail(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)
}

/** Taps a rendered node the way WeChat delivers a tap to Taro's page event handler. */
function tap(node, on = page) {
  if (!node) fail('nothing to tap')
  const target = { id: node.sid, dataset: { sid: node.sid } }
  on.eh({
    type: 'tap',
    timeStamp: Date.now(),
    target,
    currentTarget: target,
    detail: { x: 0, y: 0 },
    touches: [],
    changedTouches: [],
  })
}

function fail(message) {
  console.error(`weapp harness: FAIL ${message}`)
  process.exit(1)
}

// ---- run ------------------------------------------------------------------------------------------------
let updates = 0
const started = Date.now()
try {
  load(path.join(dist, 'app.js'))
} catch (err) {
  fail(`app.js threw at load: ${err?.stack ?? err}`)
}
if (!appConfig) fail('app.js did not call App()')
appInstance = Object.create(appConfig)
const launch = { path: 'pages/index/index', query: {}, scene: 1001 }
appInstance.onLaunch?.(launch)
appInstance.onShow?.(launch)
for (const listener of appShowListeners) listener(launch)

const page = createPage('pages/index/index')
page.onLoad?.({})
page.onShow?.()
page.onReady?.()

const loading = await waitFor(
  'the first render',
  () => textOf(page.data.root, 'health-loading') ?? textOf(page.data.root, 'health-status'),
)
const status = await waitFor(
  '#health-status',
  () =>
    textOf(page.data.root, 'health-status') ??
    (textOf(page.data.root, 'health-error') && fail(`the page shows ${textOf(page.data.root, 'health-error')}`)),
)
// The store's menu renders: item names, prices, the sold-out mark that came with the menu.
const menuItem = await waitFor('the menu item #item-pearl-milk-tea', () =>
  textOf(page.data.root, 'item-pearl-milk-tea'),
)
const soldOut = textOf(page.data.root, 'soldout-taro-boba')
const db = textOf(page.data.root, 'health-db')
const version = textOf(page.data.root, 'health-version')

// A tap on the item opens the option picker with its live price; 珍珠 adds ¥2.
tap(find(page.data.root, (n) => n.uid === 'item-pearl-milk-tea'))
const pickerPrice = await waitFor('#picker-price', () => textOf(page.data.root, 'picker-price'))
tap(find(page.data.root, (n) => n.uid === 'opt-toppings-pearl'))
const toppedPrice = await waitFor('#picker-price to change', () => {
  const t = textOf(page.data.root, 'picker-price')
  return t !== pickerPrice ? t : undefined
})
tap(find(page.data.root, (n) => n.uid === 'picker-add'))
const cartCount = await waitFor('#cart-count to be 1', () => textOf(page.data.root, 'cart-count') === '1' && '1')

// Checkout in the mini-program: the cart page prices the cart, 提交订单 signs in with wx.login, places the
// order under a client-made id (crypto comes from the polyfill here) and pays with wx.requestPayment.
const cart = createPage('pages/cart/index')
cart.onLoad?.({ storeId: 'tea-01' })
cart.onShow?.()
cart.onReady?.()
const cartTotal = await waitFor('#cart-total', () => textOf(cart.data.root, 'cart-total'))
const nudge = textOf(cart.data.root, 'cart-nudge')
tap(
  find(cart.data.root, (n) => n.uid === 'checkout-pay'),
  cart,
)
const afterPay = await waitFor('the order page after paying', () =>
  navigations.find((u) => u.startsWith('/pages/order/index')),
)
currentPages = [page]

// A tap on 员工看板 must navigate into the staff subpackage.
const staffButton = find(page.data.root, (n) => n.uid === 'go-staff')
if (!staffButton) fail('no #go-staff button')
const navigatedBefore = navigations.length
tap(staffButton)
await waitFor('wx.navigateTo', () => navigations.length > navigatedBefore)
const staffNavigation = navigations[navigatedBefore]

// The subpackage pages render their title, and entering them is remembered in wx storage.
const titles = {}
// The owner opens on the PIN sign-in (no session yet), whose first line is its title.
const firstText = { 'staff/pages/board/index': 'page-title', 'owner/pages/dashboard/index': 'owner-login' }
for (const [route, id] of Object.entries(firstText)) {
  const sub = createPage(route)
  sub.onLoad?.({})
  sub.onShow?.()
  sub.onReady?.()
  titles[route] = await waitFor(`${route} #${id}`, () => textOf(sub.data.root, id))
}
const session = JSON.parse(storage.get('xd.session') ?? 'null')

const result = {
  firstRender: loading,
  menuItem,
  soldOut,
  pickerPrice,
  toppedPrice,
  cartCount,
  cartTotal,
  nudge,
  placed: placed.map((b) => ({ orderId: b.orderId, fulfilment: b.fulfilment, lines: b.lines.length })),
  paid: payments.map((p) => p.package),
  afterPay,
  status,
  db,
  version,
  requests: requests.map((r) => `${r.method} ${r.url}`),
  navigations,
  titles,
  session: session?.state,
  wxApis: [...new Set(calls)],
  setDataCalls: updates,
  ms: Date.now() - started,
}
console.log(JSON.stringify(result))
const problems = []
if (!menuItem?.includes('珍珠奶茶') || !menuItem.includes('¥12'))
  problems.push(`#item-pearl-milk-tea reads ${JSON.stringify(menuItem)}, expected the name and ¥12`)
if (soldOut !== '已售罄') problems.push(`#soldout-taro-boba is ${JSON.stringify(soldOut)}, expected "已售罄"`)
if (pickerPrice !== '¥12.00' || toppedPrice !== '¥14.00')
  problems.push(`the picker priced ${pickerPrice} then ${toppedPrice}, expected ¥12.00 then ¥14.00`)
if (!requests.some((r) => r.url.endsWith('/api/stores/tea-01/menu'))) problems.push('the menu was never requested')
if (cartTotal !== '¥14.00' || !nudge?.includes('再买¥16.00'))
  problems.push(`the cart page shows ${cartTotal} and ${JSON.stringify(nudge)}`)
if (placed.length !== 1 || !/^[0-9a-f]{32}$/.test(placed[0].orderId) || 'totalFen' in placed[0])
  problems.push(`the checkout placed ${JSON.stringify(placed)}`)
if (payments.length !== 1 || payments[0].package !== `prepay_id=wx${placed[0]?.orderId.slice(0, 20)}`)
  problems.push(`wx.requestPayment was called ${JSON.stringify(payments)}`)
if (afterPay !== `/pages/order/index?storeId=tea-01&orderId=${placed[0]?.orderId}`)
  problems.push(`after paying the app went to ${afterPay}`)
if (status !== 'ok') problems.push(`#health-status is ${JSON.stringify(status)}, expected "ok"`)
if (db !== HEALTH.db) problems.push(`#health-db is ${JSON.stringify(db)}, expected "${HEALTH.db}"`)
if (version !== HEALTH.version)
  problems.push(`#health-version is ${JSON.stringify(version)}, expected "${HEALTH.version}"`)
if (staffNavigation !== '/staff/pages/board/index') problems.push(`tap on #go-staff navigated to ${staffNavigation}`)
if (titles['staff/pages/board/index'] !== '员工看板') problems.push('the staff board did not render its title')
if (!titles['owner/pages/dashboard/index']?.startsWith('老板登录'))
  problems.push('the owner dashboard did not render its sign-in')
if (session?.state?.role !== 'owner') problems.push(`the session in wx storage is ${JSON.stringify(session)}`)
if (problems.length > 0) fail(problems.join('; '))
console.log('weapp harness: OK')
process.exit(0)
