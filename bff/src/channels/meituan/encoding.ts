/**
 * Meituan's form encoding: values are encoded like Java's `URLEncoder` (space as `+`, only `A-Za-z0-9.-*_` left
 * as is), and text fields are encoded twice, so after the ordinary form decode they are still percent-encoded.
 */

/**
 * Text fields Meituan percent-encodes a second time. The captured push shows `detail`, `extras`,
 * `recipient_name`, `recipient_address`, `wm_poi_name`, `wm_poi_address`; production code bases decode these and
 * `caution`, `poi_receive_detail(_yuan)`, `order_tag_list`, `backup_recipient_phone`, `reason`, `food`, `poi_info`
 * again; the rest are the other free-text or JSON fields of the push tables.
 *
 * A fixed list is needed because "decode whatever contains `%XX`" misses a listed field whose text needs no
 * escape but a space: `Li Lei` is sent as `Li%2BLei`, form-decodes to `Li+Lei` with no `%` left, and only a second
 * decode turns the `+` back into the space Meituan signed. The `%XX` rule is kept as a fallback for fields Meituan
 * adds later (see `parseMeituanForm`).
 */
export const DOUBLE_ENCODED_FIELDS: ReadonlySet<string> = new Set([
  'backup_recipient_phone',
  'caution',
  'detail',
  'dispatcher_name',
  'extras',
  'food',
  'invoice_title',
  'logistics_info',
  'order_tag_list',
  'pictures',
  'poi_info',
  'poi_receive_detail',
  'poi_receive_detail_yuan',
  'reason',
  'recipient_address',
  'recipient_name',
  'remark',
  'wm_poi_address',
  'wm_poi_name',
])

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/

/** Whether a once-decoded value of this field must be decoded again. */
export function isDoubleEncoded(name: string, value: string): boolean {
  return DOUBLE_ENCODED_FIELDS.has(name) || PERCENT_ESCAPE.test(value)
}

/** Form-decodes one component (`+` is a space); `undefined` when an escape is malformed or not UTF-8. */
export function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

// encodeURIComponent throws on a lone surrogate; Java's encoder writes '?' for it, we write U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Encodes like Java's `URLEncoder.encode(s, "UTF-8")`, which is what Meituan's servers use. */
export function javaUrlEncode(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}
