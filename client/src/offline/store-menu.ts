import type { Menu, Promotion, SoldOutMarks } from '@xiaodian/domain'
import { MenuSchema, StoreSummary } from '@xiaodian/shared'
import type { HttpClient } from '@/platform/http'
import type { KeyValueStorage } from '@/platform/storage'

/** What the counter sells, kept on the tablet so it sells offline too. */
export interface StoreMenu {
  readonly store: StoreSummary
  readonly menu: Menu
  /**
   * Promotions whose rules came with the menu: the counter prices with them locally. The BFF's menu
   * answer today carries only `{ id, name }`; those are listed in `promotionNames` and not applied.
   */
  readonly promotions: readonly Promotion[]
  readonly promotionNames: readonly { readonly id: string; readonly name: string }[]
  readonly soldOut: { readonly items: string[]; readonly skus: string[]; readonly options: string[] }
  /** Epoch ms when it was fetched. */
  readonly fetchedAt: number
}

type Json = Record<string, unknown>
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x)
const strings = (x: unknown): string[] | null =>
  Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : null

// Read by hand rather than with `shared`'s MenuResponse on purpose: that schema strips the promotions to
// `{ id, name }`, and the counter needs the rules to price offline whenever the BFF sends them.
function readPromotions(x: unknown): { all: Json[]; withRules: Json[] } | null {
  if (!Array.isArray(x)) return null
  const all = x.filter((p): p is Json => isObject(p) && typeof p.id === 'string' && typeof p.name === 'string')
  if (all.length !== x.length) return null
  const withRules = all.filter(
    (p) => isObject(p.rule) && typeof p.rule.kind === 'string' && typeof p.stackable === 'boolean',
  )
  return { all, withRules }
}

/** The storage key of a store's cached menu. */
export const menuKey = (storeId: string) => `xd.menu.${storeId}`

/** The sold-out marks of a menu as the domain's pricing reads them. */
export function soldOutMarks(menu: StoreMenu): SoldOutMarks {
  return {
    items: new Set(menu.soldOut.items),
    skus: new Set(menu.soldOut.skus),
    options: new Set(menu.soldOut.options),
  }
}

/** The cached menu of a store, or null. */
export function cachedMenu(kv: KeyValueStorage, storeId: string): StoreMenu | null {
  const raw = kv.getItem(menuKey(storeId))
  if (raw === null) return null
  try {
    return JSON.parse(raw) as StoreMenu
  } catch {
    return null
  }
}

/**
 * Fetches the store's menu (`GET /api/stores/:id/menu`) and caches it; throws when the BFF cannot be
 * reached or answers something else, and the caller keeps the cached one.
 */
export async function fetchMenu(
  http: HttpClient,
  kv: KeyValueStorage,
  storeId: string,
  now: number,
): Promise<StoreMenu> {
  const res = await http.request({ path: `/api/stores/${encodeURIComponent(storeId)}/menu` })
  if (res.status !== 200) throw new Error(`menu: the BFF answered ${res.status}`)
  const body = isObject(res.data) ? res.data : {}
  const store = StoreSummary.safeParse(body.store)
  const menuBody = MenuSchema.safeParse(body.menu)
  const promotions = readPromotions(body.promotions)
  const soldOut = isObject(body.soldOut) ? body.soldOut : {}
  const items = strings(soldOut.items)
  const skus = strings(soldOut.skus)
  const options = strings(soldOut.options)
  if (!store.success || !menuBody.success || promotions === null || !items || !skus || !options) {
    throw new Error('menu: unexpected answer from the BFF')
  }
  const menu: StoreMenu = {
    store: store.data,
    // Validated by MenuSchema; the cast only bridges zod's `?: T | undefined` and the domain's `?: T`.
    menu: menuBody.data as Menu,
    promotions: promotions.withRules as unknown as Promotion[],
    promotionNames: promotions.all.map((p) => ({ id: String(p.id), name: String(p.name) })),
    soldOut: { items, skus, options },
    fetchedAt: now,
  }
  kv.setItem(menuKey(storeId), JSON.stringify(menu))
  return menu
}
