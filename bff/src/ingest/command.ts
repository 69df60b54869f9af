/**
 * The canonical command every channel adapter produces and the one ingest function consumes.
 * Adapters (bff/src/channels/<name>) verify and parse their wire format and map it to one of these;
 * nothing outside an adapter knows a channel's field names.
 */

import type { Order } from '@xiaodian/domain'

/** Where an order came from. `pos` is a staff tablet, `miniprogram` the consumer app. */
export const CHANNELS = ['meituan', 'miniprogram', 'pos', 'wechatpay', 'group', 'subscription'] as const
export type Channel = (typeof CHANNELS)[number]

export interface DraftLineOption {
  /** Option group name, e.g. 甜度 */
  group: string
  /** Chosen value, e.g. 少糖 */
  name: string
  /** Price delta per unit in fen. */
  priceDeltaFen: number
}

export interface DraftLine {
  /** The store's menu SKU id when the channel's code matched the menu, else undefined. */
  skuId?: string
  /** The channel's own item code (Meituan app_food_code), kept for reconciliation. */
  externalCode?: string
  name: string
  quantity: number
  /** Unit price in fen, options included. */
  unitPriceFen: number
  options: DraftLineOption[]
  note?: string
}

/** An order as a channel knows it, already in fen and already mapped to the store's menu where possible. */
export interface OrderDraft {
  lines: DraftLine[]
  /** Sum of line totals before discounts, fen. */
  subtotalFen: number
  discountFen: number
  /** Delivery fee, packaging and similar, fen. */
  feesFen: number
  /** What the customer pays, fen. */
  totalFen: number
  fulfilment: 'pickup' | 'delivery' | 'dine_in'
  /** The number the customer is called by (Meituan day_seq, or a device block number). */
  pickupNumber?: string
  customer?: { name?: string; phoneMasked?: string; address?: string }
  note?: string
  /** Channel-side creation time, epoch ms. */
  placedAt: number
}

/** Channel-reported changes to an order's fulfilment. */
export type ChannelStatus = 'submitted' | 'accepted' | 'done' | 'cancelled'

export type ChannelCommand =
  | {
      kind: 'order.placed'
      storeId: string
      channel: Channel
      externalId: string
      /** Whether the channel says the customer has already paid (Meituan paid-order push). */
      paid: boolean
      order: OrderDraft
      /** Set for orders pushed by a staff tablet. */
      deviceId?: string
      at: number
    }
  | {
      kind: 'order.status'
      storeId: string
      channel: Channel
      externalId: string
      status: ChannelStatus
      reason?: string
      at: number
    }
  | {
      kind: 'delivery.status'
      storeId: string
      channel: Channel
      externalId: string
      /** assigned | at_store | picked_up | delivered | cancelled */
      status: 'dispatched' | 'assigned' | 'at_store' | 'picked_up' | 'delivered' | 'cancelled'
      rider?: { name?: string; phoneMasked?: string }
      at: number
    }
  | {
      /** A payment notification; `outTradeNo` is our order's external id on the paying channel. */
      kind: 'payment.succeeded'
      storeId: string
      provider: 'wechatpay'
      notificationId: string
      outTradeNo: string
      transactionId: string
      amountFen: number
      payerTotalFen: number
      at: number
    }
  | {
      /** A refund requested, agreed, rejected or settled, by the delivery platform or the payment provider. */
      kind: 'refund'
      storeId: string
      channel: Channel
      /** For Meituan the order id; for WeChat Pay the out_trade_no. */
      externalId: string
      refundId: string
      state: 'requested' | 'agreed' | 'rejected' | 'withdrawn' | 'succeeded' | 'failed'
      /** Undefined when the channel does not say (a full refund request). */
      amountFen?: number
      full: boolean
      reason?: string
      at: number
    }
  | {
      /**
       * A complete canonical order from one of our own channels: the counter, the mini-program (priced by
       * the BFF with the domain) or a tablet's replica. Joined into the stored order with the domain merge.
       */
      kind: 'order.upsert'
      storeId: string
      order: Order
      /** The tablet that sent it, when one did. */
      deviceId?: string
      /**
       * Set when this is the order's creation by the store API: any second creation of the same order id
       * (a retried or concurrent request) is then a duplicate, whatever the second attempt computed.
       */
      placement?: true
      at: number
    }
