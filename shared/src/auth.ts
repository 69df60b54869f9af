import { z } from 'zod'

/** `POST /api/auth/staff`: a store's staff or owner signs in with the store PIN. */
export const StaffLoginRequest = z.object({
  storeId: z.string().min(1).max(40),
  pin: z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits'),
})
/** The body of a staff sign-in. */
export type StaffLoginRequest = z.infer<typeof StaffLoginRequest>

/** The answer to a staff sign-in. */
export const StaffLoginResponse = z.object({
  token: z.string(),
  role: z.enum(['staff', 'owner']),
  name: z.string(),
  storeId: z.string(),
  storeName: z.string(),
})
/** A parsed staff sign-in answer. */
export type StaffLoginResponse = z.infer<typeof StaffLoginResponse>

/** `POST /api/auth/consumer`: the mini-program's `wx.login` code (simulated in the demo). */
export const ConsumerLoginRequest = z.object({
  code: z.string().min(4).max(128),
  nickname: z.string().min(1).max(32).optional(),
})
/** The body of a consumer sign-in. */
export type ConsumerLoginRequest = z.infer<typeof ConsumerLoginRequest>

/** The answer to a consumer sign-in. */
export const ConsumerLoginResponse = z.object({ token: z.string(), openid: z.string() })
/** A parsed consumer sign-in answer. */
export type ConsumerLoginResponse = z.infer<typeof ConsumerLoginResponse>
