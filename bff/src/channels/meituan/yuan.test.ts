import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { yuanToFen } from './yuan'

describe('yuanToFen', () => {
  it.each([
    ['9.1', 910],
    ['0.1', 10],
    ['9.0', 900],
    ['9', 900],
    ['.5', 50],
    ['5.', 500],
    ['1.005', 101],
    ['12.345', 1235],
    ['12.344', 1234],
    ['0.994', 99],
    ['0.995', 100],
    ['007.10', 710],
    ['9999999999999.99', 999999999999999],
    [0.1, 10],
    [9.1, 910],
    [1.15, 115],
  ])('%s yuan is %i fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toEqual({ ok: true, fen })
  })

  it.each(['', '.', '-1', '1e3', ' 1', '1,5', 'abc', '0x10', '99999999999999', Number.NaN, -0.5, 1e21])(
    'refuses %s',
    (yuan) => {
      expect(yuanToFen(yuan).ok).toBe(false)
    },
  )

  it('agrees with integer arithmetic for every two-decimal amount', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000_00 }), (fen) => {
        const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
        expect(yuanToFen(text)).toEqual({ ok: true, fen })
        expect(yuanToFen(Number(text))).toEqual({ ok: true, fen })
      }),
    )
  })
})
