/**
 * WeChat Pay platform keys, parsed once into `KeyObject`s (parsing a PEM on every request costs several times
 * the verification itself) and found by `Wechatpay-Serial`.
 */
import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto'
import type { WechatpayMerchant } from '../deps'

/** The result of loading a key. Messages never contain key material. */
export type KeyResult = { ok: true; key: KeyObject; certificateSerial?: string } | { ok: false; message: string }

/**
 * Loads a WeChat Pay public key (`-----BEGIN PUBLIC KEY-----`, the `PUB_KEY_ID_…` kind) or a platform
 * certificate (`-----BEGIN CERTIFICATE-----`, whose serial is returned too). Only RSA keys are accepted.
 */
export function loadWechatpayPublicKey(pem: string): KeyResult {
  try {
    if (pem.includes('BEGIN CERTIFICATE')) {
      const certificate = new X509Certificate(pem)
      return rsaOnly(certificate.publicKey, normalizeSerial(certificate.serialNumber))
    }
    return rsaOnly(createPublicKey(pem))
  } catch {
    return { ok: false, message: 'not a PEM public key or certificate' }
  }
}

function rsaOnly(key: KeyObject, certificateSerial?: string): KeyResult {
  if (key.asymmetricKeyType !== 'rsa') return { ok: false, message: 'not an RSA key' }
  return certificateSerial === undefined ? { ok: true, key } : { ok: true, key, certificateSerial }
}

/** Serials compare case-insensitively: WeChat's own examples show both cases of the same hex serial. */
export function normalizeSerial(serial: string): string {
  return serial.trim().toUpperCase()
}

/** A merchant as configured: PEMs rather than parsed keys. */
export interface WechatpayMerchantConfig {
  storeId: string
  mchid: string
  appid: string
  apiV3Key: string
  /** Platform keys by serial; a certificate's own serial is used when `serial` is left out. */
  platformKeys: { serial?: string; pem: string }[]
}

/** Merchants by platform key serial, built once from config. */
export class WechatpayMerchantDirectory {
  readonly #bySerial: ReadonlyMap<string, WechatpayMerchant>

  private constructor(bySerial: ReadonlyMap<string, WechatpayMerchant>) {
    this.#bySerial = bySerial
  }

  /** Parses every key; fails on the first bad key, a key length that is not 32 bytes, or a duplicate serial. */
  static create(
    configs: readonly WechatpayMerchantConfig[],
  ): { ok: true; directory: WechatpayMerchantDirectory } | { ok: false; message: string } {
    const bySerial = new Map<string, WechatpayMerchant>()
    for (const config of configs) {
      const where = `store ${config.storeId} (mchid ${config.mchid})`
      if (Buffer.byteLength(config.apiV3Key, 'utf8') !== 32) {
        return { ok: false, message: `${where}: the APIv3 key must be 32 bytes` }
      }
      for (const entry of config.platformKeys) {
        const loaded = loadWechatpayPublicKey(entry.pem)
        if (!loaded.ok) return { ok: false, message: `${where}: platform key: ${loaded.message}` }
        const serial = normalizeSerial(entry.serial ?? loaded.certificateSerial ?? '')
        if (!serial) return { ok: false, message: `${where}: a platform public key needs its serial` }
        if (bySerial.has(serial)) return { ok: false, message: `${where}: serial ${serial} is configured twice` }
        const { storeId, mchid, appid, apiV3Key } = config
        bySerial.set(serial, { storeId, mchid, appid, apiV3Key, publicKey: loaded.key })
      }
    }
    return { ok: true, directory: new WechatpayMerchantDirectory(bySerial) }
  }

  /** The merchant whose platform key has this serial (any case). */
  bySerial(serial: string): WechatpayMerchant | undefined {
    return this.#bySerial.get(normalizeSerial(serial))
  }
}
