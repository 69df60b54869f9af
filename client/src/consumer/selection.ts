import {
  type LineSelection,
  type Menu,
  type MenuItem,
  type OptionGroup,
  type PricedLine,
  type Result,
  type SoldOutMarks,
  priceLine,
} from '@xiaodian/domain'
import type { MenuResponse } from '@xiaodian/shared'

/** What the option picker holds: one SKU and the picked option ids per group. */
export interface Selection {
  readonly itemId: string
  readonly skuId: string
  readonly options: Readonly<Record<string, readonly string[]>>
  readonly quantity: number
}

/** The menu answer's sold-out lists as the domain's marks. */
export function soldOutMarks(soldOut: MenuResponse['soldOut']): SoldOutMarks {
  return { items: new Set(soldOut.items), skus: new Set(soldOut.skus), options: new Set(soldOut.options) }
}

/** The menu answer as the domain's menu (the schema and the domain type describe the same JSON). */
export function domainMenu(menu: MenuResponse['menu']): Menu {
  return menu as unknown as Menu
}

export function isSkuSoldOut(sku: MenuItem['skus'][number], marks: SoldOutMarks): boolean {
  return sku.soldOut === true || marks.skus?.has(sku.id) === true
}

export function isOptionSoldOut(option: OptionGroup['options'][number], marks: SoldOutMarks): boolean {
  return option.soldOut === true || marks.options?.has(option.id) === true
}

/** Sold out as a whole: marked so, or every SKU is. */
export function isItemSoldOut(item: MenuItem, marks: SoldOutMarks): boolean {
  if (item.soldOut === true || marks.items?.has(item.id) === true) return true
  return item.skus.length > 0 && item.skus.every((sku) => isSkuSoldOut(sku, marks))
}

/** The cheapest SKU price, for the menu list ("¥12起"). */
export function fromPriceFen(item: MenuItem): number {
  return item.skus.reduce((min, sku) => Math.min(min, sku.priceFen), Number.POSITIVE_INFINITY)
}

/**
 * Where the picker starts: the first SKU on sale, each group's defaults that are on sale, and for a
 * required group without one the first option on sale.
 */
export function initialSelection(item: MenuItem, marks: SoldOutMarks): Selection {
  const sku = item.skus.find((s) => !isSkuSoldOut(s, marks)) ?? item.skus[0]
  const options: Record<string, string[]> = {}
  for (const group of item.optionGroups) {
    const onSale = group.options.filter((o) => !isOptionSoldOut(o, marks))
    const defaults = onSale.filter((o) => o.isDefault === true).map((o) => o.id)
    const first = onSale[0]
    options[group.id] = defaults.length > 0 ? defaults : group.required && first ? [first.id] : []
  }
  return { itemId: item.id, skuId: sku?.id ?? '', options, quantity: 1 }
}

/**
 * A tap on an option: a single-choice group takes it instead of the current one; a multi-choice group
 * toggles it, and ignores one more pick beyond its maximum. A required single group cannot be emptied.
 */
export function toggleOption(item: MenuItem, selection: Selection, groupId: string, optionId: string): Selection {
  const group = item.optionGroups.find((g) => g.id === groupId)
  if (!group) return selection
  const current = selection.options[groupId] ?? []
  let next: readonly string[]
  if (group.kind === 'single') {
    next = current.includes(optionId) && !group.required ? [] : [optionId]
  } else if (current.includes(optionId)) {
    next = current.filter((id) => id !== optionId)
  } else {
    const max = group.maxPicks ?? group.options.length
    if (current.length >= max) return selection
    // Keep the menu's order, so the same choice always reads (and merges in the cart) the same way.
    next = group.options.map((o) => o.id).filter((id) => id === optionId || current.includes(id))
  }
  return { ...selection, options: { ...selection.options, [groupId]: next } }
}

export function withQuantity(selection: Selection, quantity: number): Selection {
  return { ...selection, quantity: Math.max(1, Math.min(99, Math.round(quantity))) }
}

/** The domain's line selection of what the picker holds. */
export function toLineSelection(selection: Selection): LineSelection {
  return {
    itemId: selection.itemId,
    ...(selection.skuId === '' ? {} : { skuId: selection.skuId }),
    options: selection.options,
    quantity: selection.quantity,
  }
}

/** The live price of the picker's choice, with the domain's own rules (or why it cannot be ordered). */
export function priceSelection(menu: Menu, selection: Selection, marks: SoldOutMarks): Result<PricedLine> {
  return priceLine(menu, toLineSelection(selection), { soldOut: marks })
}

/** "大杯 · 五分糖 · 少冰 · 珍珠": what a line is, in one line. */
export function describeLine(priced: Pick<PricedLine, 'skuName' | 'options'>, skuCount = 2): string {
  const parts = skuCount > 1 ? [priced.skuName] : []
  for (const option of priced.options) parts.push(option.name)
  return parts.join(' · ')
}
