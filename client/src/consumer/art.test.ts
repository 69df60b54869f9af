import { describe, expect, it } from 'vitest'
import { base64Ascii, itemArt } from './art'

describe('menu art', () => {
  it('is a valid SVG data URI, different per item and stable', () => {
    const a = itemArt('pearl-milk-tea')
    expect(a).toBe(itemArt('pearl-milk-tea'))
    expect(a).not.toBe(itemArt('taro-boba'))
    const svg = Buffer.from(a.replace('data:image/svg+xml;base64,', ''), 'base64').toString('ascii')
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg".*<\/svg>$/)
    expect(itemArt('basic-wash', 'carwash')).not.toBe(itemArt('basic-wash'))
  })

  it('encodes like btoa', () => {
    for (const s of ['', 'a', 'ab', 'abc', '<svg x="1"/>'])
      expect(base64Ascii(s)).toBe(Buffer.from(s).toString('base64'))
  })
})
