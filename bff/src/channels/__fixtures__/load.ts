/**
 * The channel fixtures: public SDK test material and a captured push, copied from `/work/shared/fixtures/channels/`
 * so a fresh clone runs the tests without that directory (`fixtures.test.ts` checks the copies still match).
 */
import { readFileSync } from 'node:fs'

/** The captured Meituan Waimai push (kuangcao/meituanwaimai-sdk `OrderServiceImplTest.checkSig`). */
export interface MeituanPushFixture {
  callbackUrl: string
  appId: string
  appSecret: string
  /** Form fields after the ordinary form decode: text fields still percent-encoded once. */
  fields: Record<string, string>
  expectedSig: string
}

/** A Meituan outgoing-call signature vector. */
export interface MeituanOutgoingFixture {
  signedString: string
  appSecret: string
  expectedSig: string
}

/** The wechatpay-go notification vector (signature half; its 16-byte key means AES-128-GCM). */
export interface WechatpayGoFixture {
  headers: Record<'Wechatpay-Timestamp' | 'Wechatpay-Nonce' | 'Wechatpay-Serial' | 'Wechatpay-Signature', string>
  body: string
  platformPublicKey: string
  platformPrivateKeyTesting: string
  apiV3Key16: string
  decryptedWithAes128Gcm: Record<string, string>
}

/** The wechatpay-java AES-256-GCM vector. */
export interface WechatpayJavaFixture {
  apiV3Key: string
  nonce: string
  associatedData: string
  plaintext: string
  ciphertextBase64: string
}

/** The fixture file names, as in the shared directory. */
export const FIXTURE_FILES = [
  'meituan-waimai-outgoing-sig.json',
  'meituan-waimai-push-captured.json',
  'wechatpay-go-notification.json',
  'wechatpay-java-aes256gcm.json',
] as const

/** Reads one fixture copy next to this file. */
export function readFixture<T>(file: (typeof FIXTURE_FILES)[number]): T {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as T
}

/**
 * A self-signed certificate over the wechatpay-go test key with serial `D7CE59D1F522D701`, made for these
 * tests with `openssl req -x509` (not from WeChat): it exercises the certificate path of key loading.
 */
export function readTestCertificatePem(): string {
  return readFileSync(new URL('./wechatpay-test-certificate.pem', import.meta.url), 'utf8')
}

/** The wechatpay-go test private key, relabelled as its source's `testingKey()` does. */
export function goTestPrivateKeyPem(fixture: WechatpayGoFixture): string {
  return fixture.platformPrivateKeyTesting.replaceAll('TESTING KEY', 'PRIVATE KEY')
}

/**
 * The captured push as it crossed the wire: its fields (already decoded once by the SDK that captured them)
 * form-encoded once more, Java style, in capture order.
 */
export function meituanFixtureBody(fixture: MeituanPushFixture, encode: (text: string) => string): string {
  return Object.entries(fixture.fields)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join('&')
}
