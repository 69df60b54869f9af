/** Bumped when a client and a BFF of different versions can no longer talk. */
export const PROTOCOL_VERSION = 1

export { ErrorResponse } from './errors'
export { HealthResponse } from './health'
