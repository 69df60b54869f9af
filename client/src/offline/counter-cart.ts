import {
  type CartLine,
  type FulfilmentType,
  type LineSelection,
  type MenuItem,
  type OptionGroup,
  type PricedCart,
  type Result,
  localTime,
  priceCart,
} from '@xiaodian/domain'
import { type StoreApi, createStore } from 'zustand/vanilla'
import { type StoreMenu, soldOutMarks } from './store-menu'

/** The counter's cart: what the customer at the counter is ordering. */
export interface CounterCart {
  readonly lines: readonly CartLine[]
  readonly fulfilmentType: FulfilmentType
  readonly notes: string
  add(selection: LineSelection): void
  setQuantity(lineId: string, quantity: number): void
  setFulfilment(type: FulfilmentType): void
  setNotes(notes: string): void
  clear(): void
}

/** A fresh, empty cart; dine-in by default (a counter sale). */
export function createCounterCart(): StoreApi<CounterCart> {
  let next = 1
  return createStore<CounterCart>()((set) => ({
    lines: [],
    fulfilmentType: 'dine_in',
    notes: '',
    add: (selection) => set((s) => ({ lines: [...s.lines, { id: `l${next++}`, selection }] })),
    setQuantity: (lineId, quantity) =>
      set((s) => ({
        lines:
          quantity <= 0
            ? s.lines.filter((l) => l.id !== lineId)
            : s.lines.map((l) => (l.id === lineId ? { ...l, selection: { ...l.selection, quantity } } : l)),
      })),
    setFulfilment: (fulfilmentType) => set({ fulfilmentType }),
    setNotes: (notes) => set({ notes }),
    clear: () => set({ lines: [], notes: '' }),
  }))
}

/**
 * Prices the cart with the domain, as the BFF would: the store's local time (hour-limited items, happy
 * hours), the counter channel, today's sold-out marks, and the promotions the menu carried. Works offline.
 */
export function priceCounterCart(menu: StoreMenu, lines: readonly CartLine[], now: number): Result<PricedCart> {
  const t = localTime(now, menu.store.timeZone)
  return priceCart(menu.menu, { lines }, menu.promotions, {
    now,
    channel: 'pos',
    minuteOfDay: t.minuteOfDay,
    weekday: t.weekday,
    soldOut: soldOutMarks(menu),
  })
}

/** What the option picker starts with: the first SKU, each group's defaults, one cup. */
export function defaultSelection(item: MenuItem): LineSelection {
  const options: Record<string, string[]> = {}
  for (const g of item.optionGroups) options[g.id] = g.options.filter((o) => o.isDefault === true).map((o) => o.id)
  const sku = item.skus.find((s) => s.soldOut !== true) ?? item.skus[0]
  return { itemId: item.id, ...(sku === undefined ? {} : { skuId: sku.id }), options, quantity: 1 }
}

/** Picks or unpicks an option: a single-choice group swaps, a multi-choice group toggles up to its maximum. */
export function toggleOption(selection: LineSelection, group: OptionGroup, optionId: string): LineSelection {
  const current: readonly string[] = selection.options?.[group.id] ?? []
  let picked: readonly string[]
  if (group.kind === 'single') {
    picked = current.includes(optionId) && !group.required ? [] : [optionId]
  } else if (current.includes(optionId)) {
    picked = current.filter((id) => id !== optionId)
  } else {
    const max = group.maxPicks ?? group.options.length
    picked = current.length >= max ? current : [...current, optionId]
  }
  return { ...selection, options: { ...selection.options, [group.id]: picked } }
}
