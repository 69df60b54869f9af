import type { Fen } from './money'

/** How many options of a group a customer picks: exactly one, or several. */
export const OPTION_GROUP_KINDS = ['single', 'multi'] as const
/** One of {@link OPTION_GROUP_KINDS}. */
export type OptionGroupKind = (typeof OPTION_GROUP_KINDS)[number]

/** One choice inside an option group (少冰, 珍珠 +¥2). */
export interface MenuOption {
  readonly id: string
  readonly name: string
  /** Added to the SKU price per unit; 0 for free choices. */
  readonly priceDeltaFen: Fen
  /** Chosen when the customer does not touch the group. */
  readonly isDefault?: boolean
  readonly soldOut?: boolean
}

/** A set of options (size is a SKU; sugar, ice and toppings are option groups). */
export interface OptionGroup {
  readonly id: string
  readonly name: string
  readonly kind: OptionGroupKind
  /** A required group must end up with at least one pick (defaults count). */
  readonly required: boolean
  /** Minimum picks; defaults to 1 when required, else 0. */
  readonly minPicks?: number
  /** Maximum picks; defaults to 1 for `single`, the number of options for `multi`. */
  readonly maxPicks?: number
  readonly options: readonly MenuOption[]
}

/** A sellable variant of an item with its own price (中杯 / 大杯; 普洗 / 精洗). */
export interface Sku {
  readonly id: string
  readonly name: string
  readonly priceFen: Fen
  readonly soldOut?: boolean
}

/** A local time-of-day window `[fromMinute, toMinute)`; `to < from` wraps past midnight. */
export interface MinuteWindow {
  readonly fromMinute: number
  readonly toMinute: number
}

/** A menu item: one or more SKUs plus option groups. */
export interface MenuItem {
  readonly id: string
  readonly name: string
  readonly skus: readonly Sku[]
  readonly optionGroups: readonly OptionGroup[]
  /** When set, the item sells only inside one of these local windows (breakfast, late night). */
  readonly availableHours?: readonly MinuteWindow[]
  readonly soldOut?: boolean
}

/** A menu section (奶茶, 果茶, 洗车). */
export interface Category {
  readonly id: string
  readonly name: string
  readonly items: readonly MenuItem[]
}

/** A store's menu: categories of items. */
export interface Menu {
  readonly id: string
  readonly categories: readonly Category[]
}

/**
 * Live sold-out marks that staff set during the day, layered over the menu's own flags. Ids are item,
 * SKU or option ids.
 */
export interface SoldOutMarks {
  readonly items?: ReadonlySet<string>
  readonly skus?: ReadonlySet<string>
  readonly options?: ReadonlySet<string>
}

/** A customer's choice for one line: item, SKU, option ids per group, quantity. */
export interface LineSelection {
  readonly itemId: string
  /** Required when the item has more than one SKU. */
  readonly skuId?: string
  /** Option ids per option-group id; groups left out take their defaults. */
  readonly options?: Readonly<Record<string, readonly string[]>>
  readonly quantity: number
}

/** One option as it was priced into a line. */
export interface PricedOption {
  readonly groupId: string
  readonly optionId: string
  readonly name: string
  readonly priceDeltaFen: Fen
}

/** A validated, priced line before promotions. */
export interface PricedLine {
  readonly itemId: string
  readonly itemName: string
  readonly categoryId: string
  readonly skuId: string
  readonly skuName: string
  readonly options: readonly PricedOption[]
  readonly unitPriceFen: Fen
  readonly quantity: number
  readonly subtotalFen: Fen
}

/** Where an item sits in a menu. */
export interface ItemLocation {
  readonly item: MenuItem
  readonly categoryId: string
}

/** Finds an item and its category by id, or `undefined`. */
export function findItem(menu: Menu, itemId: string): ItemLocation | undefined {
  for (const category of menu.categories) {
    for (const item of category.items) if (item.id === itemId) return { item, categoryId: category.id }
  }
  return undefined
}

/** Whether local minute-of-day `minute` (0–1439) falls in the window; windows may wrap midnight. */
export function inMinuteWindow(window: MinuteWindow, minute: number): boolean {
  const { fromMinute: from, toMinute: to } = window
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to
}
