import { z } from 'zod'

const fen = z.number().int()

/** A menu option (少冰, 珍珠 +¥2), as the BFF sends it. */
export const MenuOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  priceDeltaFen: fen,
  isDefault: z.boolean().optional(),
  soldOut: z.boolean().optional(),
})

/** An option group (甜度, 冰度, 加料). */
export const OptionGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['single', 'multi']),
  required: z.boolean(),
  minPicks: z.number().int().optional(),
  maxPicks: z.number().int().optional(),
  options: z.array(MenuOptionSchema),
})

/** A menu item with its SKUs and option groups. */
export const MenuItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  skus: z.array(z.object({ id: z.string(), name: z.string(), priceFen: fen, soldOut: z.boolean().optional() })),
  optionGroups: z.array(OptionGroupSchema),
  availableHours: z.array(z.object({ fromMinute: z.number().int(), toMinute: z.number().int() })).optional(),
  soldOut: z.boolean().optional(),
})

/** A store's menu. */
export const MenuSchema = z.object({
  id: z.string(),
  categories: z.array(z.object({ id: z.string(), name: z.string(), items: z.array(MenuItemSchema) })),
})

/** A store as the consumer's store list shows it. */
export const StoreSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['tea', 'carwash', 'other']),
  timeZone: z.string(),
})
/** One store of `GET /api/stores`. */
export type StoreSummary = z.infer<typeof StoreSummary>

/** `GET /api/stores/:storeId/menu`: the menu, the promotions on offer and today's sold-out marks. */
export const MenuResponse = z.object({
  store: StoreSummary,
  menu: MenuSchema,
  /** The store's promotions with their rules (the domain's `Promotion`), so a tablet can price offline. */
  promotions: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  soldOut: z.object({ items: z.array(z.string()), skus: z.array(z.string()), options: z.array(z.string()) }),
})
/** A parsed menu answer. */
export type MenuResponse = z.infer<typeof MenuResponse>
