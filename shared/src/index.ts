/** Bumped when a client and a BFF of different versions can no longer talk. */
export const PROTOCOL_VERSION = 1

export { ConsumerLoginRequest, ConsumerLoginResponse, StaffLoginRequest, StaffLoginResponse } from './auth'
export { MenuItemSchema, MenuOptionSchema, MenuResponse, MenuSchema, OptionGroupSchema, StoreSummary } from './catalog'
export {
  BOARD_MAPS,
  CART_LINE_NOT_AUTHOR,
  CART_MAPS,
  CART_STATUSES,
  COLLAB_CLOSE,
  COLLAB_SUBPROTOCOL,
  CartAmounts,
  CartLineDoc,
  CartMemberDoc,
  CartMetaDoc,
  CartPresence,
  CreateCartRequest,
  CreateCartResponse,
  JoinCartRequest,
  LockCartRequest,
  LockCartResponse,
  MakingEntry,
  MemberShare,
  OrderNote,
  PAY_MODES,
  SOLD_OUT_KINDS,
  SoldOutMark,
  SoldOutResponse,
  boardDocName,
  cartDocName,
  parseDocName,
  soldOutKey,
} from './collab'
export type { CartStatus, CollabCloseCode, DocRef, PayMode, SoldOutKind } from './collab'
export { ErrorResponse } from './errors'
export { HealthResponse } from './health'
export { CartLineRequest, PlaceOrderRequest, PriceCartRequest, PricedCartResponse } from './orders'
export {
  DEVICE_ID_HEADER,
  DeviceId,
  ORDERS_RXDB_SCHEMA,
  ORDER_ID_MAX_LENGTH,
  OrderDocument,
  PullQuery,
  PullResponse,
  PullStreamEvent,
  PushRequest,
  PushResponse,
  PushRow,
  REPLICATION_PULL_BATCH_SIZE,
  REPLICATION_PULL_MAX_LIMIT,
  REPLICATION_PUSH_BATCH_SIZE,
  REPLICATION_PUSH_MAX_BODY_BYTES,
  REPLICATION_PUSH_MAX_ROWS,
  ReplicatedOrder,
  ReplicationCheckpoint,
} from './replication'
export {
  AvailabilityQuery,
  AvailabilityResponse,
  BOOKING_VIEW_STATUSES,
  BookingListQuery,
  BookingListResponse,
  BookingResourceView,
  BookingResponse,
  BookingServiceView,
  BookingServicesResponse,
  BookingView,
  CancelBookingRequest,
  DayKey,
  HoldRequest,
  HoldResponse,
  PaymentDue,
  RescheduleRequest,
  SlotTakenResponse,
  SlotView,
} from './booking'
