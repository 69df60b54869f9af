import qrcode from 'qrcode-generator'
import { describe, expect, it } from 'vitest'
import { qrRuns, usesText } from './passes'

describe('pass QR code', () => {
  it('draws exactly the dark modules of the QR code as runs', () => {
    const text = 'xdp1.wash-01.0123456789abcdef.1795321651134.c2lnbmF0dXJlLXNpZ25hdHVyZQ'
    const { size, rows } = qrRuns(text)
    const qr = qrcode(0, 'M')
    qr.addData(text, 'Byte')
    qr.make()
    expect(size).toBe(qr.getModuleCount())
    for (let r = 0; r < size; r++) {
      const dark = new Set<number>()
      for (const [start, length] of rows[r]!) for (let c = start; c < start + length; c++) dark.add(c)
      for (let c = 0; c < size; c++) expect(dark.has(c)).toBe(qr.isDark(r, c))
    }
    // Far fewer Views than modules.
    expect(rows.flat().length).toBeLessThan((size * size) / 3)
  })

  it('says what is left', () => {
    expect(usesText({ kind: 'pass', usesLeft: 9, periodsLeft: null })).toBe('剩余 9 次')
    expect(usesText({ kind: 'pass', usesLeft: null, periodsLeft: null })).toBe('不限次数')
    expect(usesText({ kind: 'drink_plan', usesLeft: null, periodsLeft: 3 })).toBe('还有 3 期')
  })
})
