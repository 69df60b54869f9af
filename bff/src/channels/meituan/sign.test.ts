import { describe, expect, it } from 'vitest'
import { type MeituanOutgoingFixture, type MeituanPushFixture, readFixture } from '../__fixtures__/load'
import { formDecode } from './encoding'
import { meituanSig, meituanSignedString } from './sign'

const captured = readFixture<MeituanPushFixture>('meituan-waimai-push-captured.json')
const outgoing = readFixture<MeituanOutgoingFixture>('meituan-waimai-outgoing-sig.json')

describe('meituanSig', () => {
  it('reproduces the captured push signature over fully decoded values, empty values kept', () => {
    const decoded = Object.fromEntries(Object.entries(captured.fields).map(([k, v]) => [k, formDecode(v) ?? v]))
    expect(meituanSig(captured.callbackUrl, decoded, captured.appSecret)).toBe(captured.expectedSig)
    expect(meituanSig(captured.callbackUrl, new Map(Object.entries(decoded)), captured.appSecret)).toBe(
      '16b154fcaae01986ec3ff6e9e18c738c',
    )
  })

  it('reproduces the outgoing API vector, Chinese kept raw', () => {
    const [url = '', query = ''] = outgoing.signedString.split('?')
    const params = Object.fromEntries(query.split('&').map((pair) => pair.split('=') as [string, string]))
    expect(meituanSignedString(url, params)).toBe(outgoing.signedString)
    expect(meituanSig(url, params, outgoing.appSecret)).toBe('95f7dc02f936cdd293d3aa8ec881eaa4')
  })

  it('differs when values are left encoded, empties dropped or + kept', () => {
    const { fields, callbackUrl, appSecret, expectedSig } = captured
    const decoded = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, formDecode(v) ?? v]))
    const withoutEmpty = Object.fromEntries(Object.entries(decoded).filter(([, v]) => v !== ''))
    const plusKept = { ...decoded, recipient_name: decodeURIComponent(fields.recipient_name ?? '') }
    expect(meituanSig(callbackUrl, fields, appSecret)).not.toBe(expectedSig)
    expect(meituanSig(callbackUrl, withoutEmpty, appSecret)).not.toBe(expectedSig)
    expect(meituanSig(callbackUrl, plusKept, appSecret)).not.toBe(expectedSig)
  })

  it('ignores a sig parameter and sorts the k=v strings', () => {
    expect(meituanSignedString('u', { b: '1', a: '2', sig: 'x', 'a-b': '3' })).toBe('u?a-b=3&a=2&b=1')
  })
})
