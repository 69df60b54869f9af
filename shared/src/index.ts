/** Bumped when a client and a BFF of different versions can no longer talk. */
export const PROTOCOL_VERSION = 1

export { ConsumerLoginRequest, ConsumerLoginResponse, StaffLoginRequest, StaffLoginResponse } from './auth'
export { MenuItemSchema, MenuOptionSchema, MenuResponse, MenuSchema, OptionGroupSchema, StoreSummary } from './catalog'
export { ErrorResponse } from './errors'
export { HealthResponse } from './health'
export { CartLineRequest, PlaceOrderRequest, PriceCartRequest, PricedCartResponse } from './orders'
