/** The key the naive baseline's webhook signature uses. */
export const HMAC_KEY = 'bench-hmac-key'
