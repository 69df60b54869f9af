import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { qrRuns } from '@/consumer/passes'

/** A QR code drawn with Views: one row View per module row, one View per dark run (no canvas). */
export function PassQr({ text, sizePx = 240 }: { text: string; sizePx?: number }) {
  const { size, rows } = useMemo(() => qrRuns(text), [text])
  const quiet = 4
  const total = size + quiet * 2
  // Whole pixels per module, so runs line up without seams.
  const cell = Math.max(2, Math.floor(sizePx / total))
  return (
    <View
      className='qr'
      id='pass-qr-code'
      style={{
        width: `${cell * total}px`,
        height: `${cell * total}px`,
        padding: `${cell * quiet}px`,
        boxSizing: 'border-box',
      }}
    >
      {rows.map((runs, r) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reorder
        <View key={r} className='qr__row' style={{ height: `${cell}px` }}>
          {runs.map(([start, length]) => (
            <View
              key={start}
              className='qr__run'
              style={{ left: `${start * cell}px`, width: `${length * cell}px`, height: `${cell}px` }}
            />
          ))}
        </View>
      ))}
    </View>
  )
}
