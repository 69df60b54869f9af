/**
 * What the contract files (`x.ts`) do at run time. Builds resolve `x.h5.ts` or `x.weapp.ts` instead, and
 * vitest resolves the h5 files (see vitest.config.ts), so reaching this is a wiring mistake.
 */
export function unavailable(concern: string): never {
  throw new Error(`platform/${concern}: no adapter for this platform (build with TARO_ENV=h5 or weapp)`)
}
