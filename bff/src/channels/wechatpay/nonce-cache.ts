/**
 * Nonces of verified notifications, remembered until their timestamp leaves the freshness window, so a captured
 * notification cannot be replayed while its timestamp would still pass. Memory is bounded.
 */

/** Options of a `NonceCache`. */
export interface NonceCacheOptions {
  /** Most nonces kept; when full, the oldest is forgotten first. Default 100 000 (a few MB). */
  maxEntries?: number
}

/**
 * A bounded map of nonce → expiry. The caller owns one instance per process; processes sharing a PostgreSQL
 * server also claim each nonce in the database (`ChannelDeps.claimNonce`), so a replay to another is refused.
 */
export class NonceCache {
  readonly #expiries = new Map<string, number>()
  readonly #maxEntries: number

  constructor(options: NonceCacheOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 100_000)
  }

  /** How many nonces are held (expired ones may linger until the next `add`). */
  get size(): number {
    return this.#expiries.size
  }

  /** Whether the nonce was added and has not expired at `nowMs`. */
  has(nonce: string, nowMs: number): boolean {
    const expiresAt = this.#expiries.get(nonce)
    return expiresAt !== undefined && expiresAt > nowMs
  }

  /** Remembers a nonce until `expiresAtMs`. */
  add(nonce: string, expiresAtMs: number, nowMs: number): void {
    this.#sweep(nowMs)
    this.#expiries.delete(nonce)
    this.#expiries.set(nonce, expiresAtMs)
    // Past the bound the oldest entry goes, even unexpired: memory stays bounded under a flood, and a flood of
    // verified notifications (each needs WeChat's signature) is not a replay attack.
    while (this.#expiries.size > this.#maxEntries) {
      const oldest = this.#expiries.keys().next()
      if (oldest.done) break
      this.#expiries.delete(oldest.value)
    }
  }

  // Entries arrive in roughly expiry order, so expired ones gather at the front: amortised O(1) per add.
  #sweep(nowMs: number): void {
    for (const [nonce, expiresAt] of this.#expiries) {
      if (expiresAt > nowMs) return
      this.#expiries.delete(nonce)
    }
  }
}
