/**
 * Base URL of the BFF, fixed at build time (`XD_API_BASE`, see config/index.ts). Empty on h5: the BFF
 * serves the app, so requests are same-origin. The mini-program needs an absolute URL.
 */
export const apiBase: string = API_BASE
