import { describe, expect, it } from 'vitest'
import { meituanFixtureBody, type MeituanPushFixture, readFixture } from '../__fixtures__/load'
import { DOUBLE_ENCODED_FIELDS, formDecode, javaUrlEncode } from './encoding'
import { parseMeituanForm } from './parse'
import { meituanSig } from './sign'

const captured = readFixture<MeituanPushFixture>('meituan-waimai-push-captured.json')
const body = meituanFixtureBody(captured, javaUrlEncode)

function params(raw: string): Map<string, string> {
  const result = parseMeituanForm(raw)
  if (!result.ok) throw new Error(result.error.message)
  return new Map(result.params)
}

describe('parseMeituanForm', () => {
  it('decodes the captured push twice where Meituan encoded twice', () => {
    const decoded = params(body)
    expect(decoded.get('recipient_name')).toBe('王磊 (先生)')
    expect(decoded.get('wm_poi_name')).toBe('全聚德测试店')
    expect(decoded.get('extras')).toBe('[{}]')
    expect(JSON.parse(decoded.get('detail') ?? '')).toEqual([
      expect.objectContaining({ app_food_code: '1', food_name: '测试菜品1', price: 0.1, quantity: 1 }),
    ])
    expect(decoded.get('caution')).toBe('')
    expect(decoded.get('total')).toBe('9.1')
    expect(meituanSig(captured.callbackUrl, decoded, captured.appSecret)).toBe(captured.expectedSig)
  })

  it('lists every captured field that was encoded twice', () => {
    const encodedTwice = Object.entries(captured.fields)
      .filter(([, value]) => /%[0-9A-F]{2}/.test(value))
      .map(([name]) => name)
    expect(encodedTwice.length).toBe(6)
    for (const name of encodedTwice) expect(DOUBLE_ENCODED_FIELDS.has(name)).toBe(true)
  })

  it('needs the fixed list: a listed field with only a space has no %XX left after one decode', () => {
    // Meituan sends "Li Lei" as Li%2BLei; one decode leaves Li+Lei, which only the second decode fixes.
    expect(params('recipient_name=Li%2BLei').get('recipient_name')).toBe('Li Lei')
    expect(params('order_id=Li%2BLei').get('order_id')).toBe('Li+Lei')
  })

  it('decodes an unlisted field again only when a %XX escape is left', () => {
    expect(params('new_text=%25E5%25BA%2597').get('new_text')).toBe('店')
    expect(params('new_text=100%25').get('new_text')).toBe('100%')
    // Not valid UTF-8 the second time: the unlisted value was evidently not encoded twice.
    expect(params('new_text=%25E5').get('new_text')).toBe('%E5')
  })

  it('keeps empty values and fields without =', () => {
    expect(params('a=&b&c=1')).toEqual(
      new Map([
        ['a', ''],
        ['b', ''],
        ['c', '1'],
      ]),
    )
    expect(params('')).toEqual(new Map())
  })

  it('treats __proto__ as an ordinary field', () => {
    expect(params('__proto__=x&constructor=y').get('__proto__')).toBe('x')
  })

  it.each([
    ['a malformed escape', 'a=%E'],
    ['an escape that is not UTF-8', 'a=%FF'],
    ['a malformed escape in a listed field', 'detail=%25E'],
    ['a nameless field', '=1'],
    ['a repeated field', 'a=1&a=2'],
  ])('refuses %s as MALFORMED_BODY', (_, raw) => {
    const result = parseMeituanForm(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('MALFORMED_BODY')
  })

  it('form-decodes with + as a space', () => {
    expect(formDecode('a+b%2B')).toBe('a b+')
    expect(formDecode('%')).toBeUndefined()
  })

  it('encodes like java.net.URLEncoder', () => {
    expect(javaUrlEncode("王磊 (先生)!'~*._-")).toBe('%E7%8E%8B%E7%A3%8A+%28%E5%85%88%E7%94%9F%29%21%27%7E*._-')
    expect(javaUrlEncode('\uD800')).toBe('%EF%BF%BD')
  })
})
