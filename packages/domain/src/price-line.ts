import type { LineSelection, Menu, MenuOption, OptionGroup, PricedLine, PricedOption, SoldOutMarks } from './catalog'
import { findItem, inMinuteWindow } from './catalog'
import { err, ok, type Result } from './errors'

/** What pricing needs besides the menu: the local time (for hour-limited items) and live sold-out marks. */
export interface PriceContext {
  /** Local minute of day in the store's time zone (0–1439); when absent hour limits are not checked. */
  readonly minuteOfDay?: number
  readonly soldOut?: SoldOutMarks
}

/**
 * Validates a selection against the menu and prices it: SKU price plus option deltas, times quantity.
 * Refuses with UNKNOWN_ITEM / UNKNOWN_SKU / MISSING_SKU / UNKNOWN_OPTION_GROUP / UNKNOWN_OPTION /
 * DUPLICATE_OPTION / MISSING_REQUIRED_OPTION / TOO_FEW_OPTIONS / TOO_MANY_OPTIONS / SOLD_OUT /
 * NOT_AVAILABLE_NOW / INVALID_QUANTITY. Groups the selection leaves out take their defaults.
 */
export function priceLine(menu: Menu, selection: LineSelection, ctx: PriceContext = {}): Result<PricedLine> {
  const { quantity } = selection
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 999) {
    return err('INVALID_QUANTITY', `数量无效: ${quantity}`, { quantity })
  }
  const found = findItem(menu, selection.itemId)
  if (found === undefined) return err('UNKNOWN_ITEM', `没有这个商品: ${selection.itemId}`, { itemId: selection.itemId })
  const { item, categoryId } = found
  const marks = ctx.soldOut
  if (item.soldOut === true || marks?.items?.has(item.id) === true) {
    return err('SOLD_OUT', `${item.name} 已售罄`, { itemId: item.id })
  }
  if (item.availableHours !== undefined && ctx.minuteOfDay !== undefined) {
    const minute = ctx.minuteOfDay
    if (!item.availableHours.some((w) => inMinuteWindow(w, minute))) {
      return err('NOT_AVAILABLE_NOW', `${item.name} 当前时段不供应`, { itemId: item.id, minuteOfDay: minute })
    }
  }
  let sku = item.skus[0]
  if (selection.skuId !== undefined) {
    sku = item.skus.find((s) => s.id === selection.skuId)
    if (sku === undefined) return err('UNKNOWN_SKU', `没有这个规格: ${selection.skuId}`, { itemId: item.id })
  } else if (item.skus.length !== 1) {
    return err('MISSING_SKU', `请选择 ${item.name} 的规格`, { itemId: item.id })
  }
  if (sku === undefined) return err('MISSING_SKU', `${item.name} 没有规格`, { itemId: item.id })
  if (sku.soldOut === true || marks?.skus?.has(sku.id) === true) {
    return err('SOLD_OUT', `${item.name}(${sku.name}) 已售罄`, { itemId: item.id, skuId: sku.id })
  }
  const chosen = selection.options ?? {}
  for (const groupId of Object.keys(chosen)) {
    if (!item.optionGroups.some((g) => g.id === groupId)) {
      return err('UNKNOWN_OPTION_GROUP', `没有这个选项组: ${groupId}`, { itemId: item.id, groupId })
    }
  }
  const priced: PricedOption[] = []
  let unit = sku.priceFen
  for (const group of item.optionGroups) {
    const picked = pickOptions(group, chosen[group.id], marks)
    if (!picked.ok) return picked
    for (const option of picked.value) {
      priced.push({ groupId: group.id, optionId: option.id, name: option.name, priceDeltaFen: option.priceDeltaFen })
      unit += option.priceDeltaFen
    }
  }
  return ok({
    itemId: item.id,
    itemName: item.name,
    categoryId,
    skuId: sku.id,
    skuName: sku.name,
    options: priced,
    unitPriceFen: unit,
    quantity,
    subtotalFen: unit * quantity,
  })
}

function pickOptions(
  group: OptionGroup,
  ids: readonly string[] | undefined,
  marks: SoldOutMarks | undefined,
): Result<MenuOption[]> {
  const options: MenuOption[] = []
  if (ids === undefined) {
    for (const o of group.options) if (o.isDefault === true) options.push(o)
  } else {
    const seen = new Set<string>()
    for (const id of ids) {
      if (seen.has(id)) return err('DUPLICATE_OPTION', `选项重复: ${id}`, { groupId: group.id, optionId: id })
      seen.add(id)
      const o = group.options.find((x) => x.id === id)
      if (o === undefined) return err('UNKNOWN_OPTION', `没有这个选项: ${id}`, { groupId: group.id, optionId: id })
      options.push(o)
    }
  }
  const min = group.minPicks ?? (group.required ? 1 : 0)
  const max = group.maxPicks ?? (group.kind === 'single' ? 1 : group.options.length)
  if (options.length === 0 && group.required) {
    return err('MISSING_REQUIRED_OPTION', `请选择${group.name}`, { groupId: group.id })
  }
  if (options.length < min) {
    return err('TOO_FEW_OPTIONS', `${group.name}至少选 ${min} 项`, { groupId: group.id, min })
  }
  if (options.length > max || (group.kind === 'single' && options.length > 1)) {
    return err('TOO_MANY_OPTIONS', `${group.name}最多选 ${max} 项`, { groupId: group.id, max })
  }
  for (const o of options) {
    if (o.soldOut === true || marks?.options?.has(o.id) === true) {
      return err('SOLD_OUT', `${o.name} 已售罄`, { groupId: group.id, optionId: o.id })
    }
  }
  return ok(options)
}
