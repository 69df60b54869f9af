import { Text, View } from '@tarojs/components'
import { barPercents, hourSpan } from '../core/figures'

/**
 * Charts drawn with plain views (a bar is a view sized in %): they render the same in the mini-program
 * and on h5, cost no canvas library in the subpackage, and stay readable by tests and screen readers.
 */

/** One row of a horizontal bar list. */
export interface BarRow {
  readonly key: string
  readonly label: string
  readonly value: number
  /** What the row shows at its end (¥ or a count). */
  readonly text: string
  readonly color?: string
}

/** Horizontal bars, largest first as given. */
export function BarList({ id, rows, empty }: { id: string; rows: readonly BarRow[]; empty: string }) {
  const pct = barPercents(rows.map((r) => r.value))
  return (
    <View className='bars' id={id}>
      {rows.length === 0 ? <Text className='note'>{empty}</Text> : null}
      {rows.map((r, i) => (
        <View className='bars__row' key={r.key} id={`${id}-${r.key}`}>
          <Text className='bars__label'>{r.label}</Text>
          <View className='bars__track'>
            <View
              className='bars__bar'
              data-value={r.value}
              style={{ width: `${pct[i]}%`, ...(r.color ? { background: r.color } : {}) }}
            />
          </View>
          <Text className='bars__value'>{r.text}</Text>
        </View>
      ))}
    </View>
  )
}

/** Orders per local hour as columns, with last week's level as a marker on each column. */
export function HourChart({
  id,
  current,
  previous,
}: {
  id: string
  current: readonly number[]
  previous: readonly number[]
}) {
  const { from, to } = hourSpan(current, previous)
  const hours = Array.from({ length: to - from + 1 }, (_, i) => from + i)
  const pct = barPercents([...hours.map((h) => current[h] ?? 0), ...hours.map((h) => previous[h] ?? 0)])
  const n = hours.length
  return (
    <View className='hours' id={id}>
      <View className='hours__plot'>
        {hours.map((h, i) => (
          <View className='hours__col' key={h} id={`hour-${h}`} data-orders={current[h] ?? 0}>
            <View className='hours__bar' style={{ height: `${pct[i]}%` }} />
            <View className='hours__prev' style={{ bottom: `${pct[n + i]}%` }} />
          </View>
        ))}
      </View>
      <View className='hours__axis'>
        {hours.map((h) => (
          <Text className='hours__tick' key={h}>
            {h % 3 === 0 ? String(h) : ''}
          </Text>
        ))}
      </View>
    </View>
  )
}

/** Two figures side by side as one split bar (passes sold against redeemed, booked against open). */
export function SplitBar({
  id,
  left,
  right,
}: {
  id: string
  left: { label: string; value: number }
  right: { label: string; value: number }
}) {
  const total = left.value + right.value
  const share = total <= 0 ? 0 : Math.round((left.value / total) * 1000) / 10
  return (
    <View className='split' id={id}>
      <View className={`split__track ${total <= 0 ? 'split__track--empty' : ''}`}>
        <View className='split__left' style={{ width: `${share}%` }} />
      </View>
      <View className='split__legend'>
        <Text>{left.label}</Text>
        <Text>{right.label}</Text>
      </View>
    </View>
  )
}
