/**
 * The shapes of a WeChat Pay notification: the envelope, and the decrypted transaction and refund objects.
 * Unknown fields are allowed (WeChat adds fields); the ones we use are checked.
 */
import { z } from 'zod'

const time = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not an RFC 3339 time')
const fen = z.number().int().nonnegative()

/** The notification envelope (the signed, unencrypted body). */
export const envelopeSchema = z.looseObject({
  id: z.string().min(1).max(64),
  create_time: time,
  event_type: z.string().min(1).max(64),
  resource_type: z.string(),
  summary: z.string().optional(),
  resource: z.looseObject({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().optional(),
    original_type: z.string().optional(),
  }),
})

/** A notification envelope. */
export type Envelope = z.infer<typeof envelopeSchema>

/** The decrypted `transaction` of `TRANSACTION.SUCCESS` (direct-merchant mode). */
export const transactionSchema = z.looseObject({
  appid: z.string().min(1),
  mchid: z.string().min(1),
  out_trade_no: z.string().min(1),
  transaction_id: z.string().min(1),
  trade_state: z.string(),
  success_time: time.optional(),
  amount: z.looseObject({ total: fen, payer_total: fen.optional(), currency: z.string().optional() }),
})

/** The decrypted `refund` of `REFUND.*`. */
export const refundSchema = z.looseObject({
  mchid: z.string().min(1),
  out_trade_no: z.string().min(1),
  transaction_id: z.string().optional(),
  refund_id: z.string().min(1),
  out_refund_no: z.string().min(1),
  refund_status: z.string(),
  success_time: time.optional(),
  amount: z.looseObject({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() }),
})
