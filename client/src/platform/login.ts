/**
 * The mini-program sign-in code: `wx.login()` on weapp, which WeChat exchanges for the user's openid
 * (jscode2session, done by the BFF). The h5 demo has no WeChat: it makes up a code once and keeps it, so
 * the same browser stays the same customer.
 */

import { unavailable } from './unavailable'

/** A code the BFF's `POST /api/auth/consumer` accepts. */
export const loginCode = (): Promise<string> => unavailable('login')
