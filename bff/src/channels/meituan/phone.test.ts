import { describe, expect, it } from 'vitest'
import { maskPhone } from './phone'

describe('maskPhone', () => {
  it.each([
    ['13651187030', '136****7030'],
    ['138xxxxxxxx_1234', '138xxxxxxxx_1234'],
    ['138****7030_1234', '138****7030_1234'],
    ['13800001234_5678', '138****1234_5678'],
    ['13800001234,5678', '138****1234,5678'],
    ['010-62345678', '010****5678'],
    ['+8613651187030', '+86****7030'],
    ['call me', '****'],
    ['123', '****'],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  it('gives undefined for nothing', () => {
    expect(maskPhone('')).toBeUndefined()
    expect(maskPhone(undefined)).toBeUndefined()
  })
})
