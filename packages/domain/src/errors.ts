/**
 * Every error the domain can return, as a stable machine-readable code. The BFF maps codes to HTTP
 * statuses in one table; clients switch on them. Codes are never renamed once shipped.
 */
export const ERROR_CODES = {
  UNKNOWN_ITEM: 'UNKNOWN_ITEM',
  UNKNOWN_SKU: 'UNKNOWN_SKU',
  UNKNOWN_OPTION_GROUP: 'UNKNOWN_OPTION_GROUP',
  UNKNOWN_OPTION: 'UNKNOWN_OPTION',
  MISSING_SKU: 'MISSING_SKU',
  MISSING_REQUIRED_OPTION: 'MISSING_REQUIRED_OPTION',
  TOO_MANY_OPTIONS: 'TOO_MANY_OPTIONS',
  TOO_FEW_OPTIONS: 'TOO_FEW_OPTIONS',
  DUPLICATE_OPTION: 'DUPLICATE_OPTION',
  SOLD_OUT: 'SOLD_OUT',
  NOT_AVAILABLE_NOW: 'NOT_AVAILABLE_NOW',
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  DUPLICATE_LINE: 'DUPLICATE_LINE',
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  ORDER_INVALID_TRANSITION: 'ORDER_INVALID_TRANSITION',
  ORDER_LINES_LOCKED: 'ORDER_LINES_LOCKED',
  ORDER_REFUND_EXCEEDS_PAID: 'ORDER_REFUND_EXCEEDS_PAID',
  ORDER_REFUND_EXCEEDS_LINE: 'ORDER_REFUND_EXCEEDS_LINE',
  ORDER_UNKNOWN_LINE: 'ORDER_UNKNOWN_LINE',
  PICKUP_BLOCK_EXHAUSTED: 'PICKUP_BLOCK_EXHAUSTED',
  BOOKING_OUTSIDE_HOURS: 'BOOKING_OUTSIDE_HOURS',
  BOOKING_TOO_SOON: 'BOOKING_TOO_SOON',
  BOOKING_TOO_FAR: 'BOOKING_TOO_FAR',
  BOOKING_OFF_GRID: 'BOOKING_OFF_GRID',
  BOOKING_NO_RESOURCE: 'BOOKING_NO_RESOURCE',
  PASS_NOT_ACTIVE: 'PASS_NOT_ACTIVE',
  PASS_PERIOD_CAP: 'PASS_PERIOD_CAP',
  PASS_DAILY_CAP: 'PASS_DAILY_CAP',
  PASS_NO_USES_LEFT: 'PASS_NO_USES_LEFT',
  PASS_ITEM_NOT_COVERED: 'PASS_ITEM_NOT_COVERED',
  PASS_UNKNOWN_REDEMPTION: 'PASS_UNKNOWN_REDEMPTION',
  PASS_INVALID_TRANSITION: 'PASS_INVALID_TRANSITION',
  INVALID_CRON: 'INVALID_CRON',
  GROUP_NOT_MEMBER: 'GROUP_NOT_MEMBER',
  GROUP_NOT_OWNER: 'GROUP_NOT_OWNER',
  GROUP_NOT_HOST: 'GROUP_NOT_HOST',
  GROUP_LOCKED: 'GROUP_LOCKED',
  GROUP_EMPTY: 'GROUP_EMPTY',
  GROUP_FULL: 'GROUP_FULL',
  GROUP_CLOSED: 'GROUP_CLOSED',
  GROUP_ALREADY_JOINED: 'GROUP_ALREADY_JOINED',
} as const

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES]

/** A domain error: a stable code, a human message (Chinese or English) and optional facts for the UI. */
export interface DomainError {
  readonly code: ErrorCode
  readonly message: string
  readonly details?: Readonly<Record<string, string | number>>
}

/** The outcome of a rule that can refuse: a value, or a typed error. Never thrown. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError }

/** Wraps a value as a successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** Builds a failed {@link Result}. */
export function err<T = never>(
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, string | number>>,
): Result<T> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } }
}
