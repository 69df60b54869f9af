import { Text, View } from '@tarojs/components'
import type { SalesReportResponse } from '@xiaodian/shared'
import type { ReactNode } from 'react'
import { CHANNEL_NAMES, change, money, percent } from '../core/figures'
import { BarList, HourChart, SplitBar } from './charts'

const CHANNEL_COLORS: Readonly<Record<string, string>> = { meituan: '#f5b800', miniprogram: '#1c7ed6', pos: '#495057' }

/** The sales of a day or a range against the comparison period: KPIs, channels, hours, items, money. */
export function Report({ r }: { r: SalesReportResponse }) {
  const s = r.sales
  const c = r.comparison.sales
  const vs = r.comparison.until !== undefined ? '上周同时段' : r.from === r.to ? '上周同日' : '前期同周'
  const channels = Object.entries(s.byChannel).sort((a, b) => b[1].netFen - a[1].netFen)
  return (
    <View className='owner__report' id='report' data-from={r.from} data-to={r.to}>
      <View className='kpis'>
        <Kpi
          id='kpi-net'
          label='净收入'
          value={money(s.netFen)}
          prev={money(c.netFen)}
          delta={change(s.netFen, c.netFen)}
          vs={vs}
        />
        <Kpi
          id='kpi-orders'
          label='订单数'
          value={String(s.orders)}
          prev={String(c.orders)}
          delta={change(s.orders, c.orders)}
          vs={vs}
        />
        <Kpi
          id='kpi-avg'
          label='客单价'
          value={money(s.averageTicketFen)}
          prev={money(c.averageTicketFen)}
          delta={change(s.averageTicketFen, c.averageTicketFen)}
          vs={vs}
        />
      </View>

      <Card title='渠道收入'>
        <BarList
          id='chart-channels'
          empty='还没有订单'
          rows={channels.map(([ch, f]) => ({
            key: ch,
            label: CHANNEL_NAMES[ch] ?? ch,
            value: f.netFen,
            text: `${money(f.netFen)} · ${f.orders}单`,
            ...(CHANNEL_COLORS[ch] ? { color: CHANNEL_COLORS[ch] } : {}),
          }))}
        />
      </Card>

      <Card title='分时段订单' aside='柱:本期 线:上周'>
        <HourChart id='chart-hourly' current={s.byHour.map((h) => h.orders)} previous={c.byHour.map((h) => h.orders)} />
      </Card>

      <Card title='热销商品'>
        <BarList
          id='chart-items'
          empty='还没有售出商品'
          rows={s.byItem.slice(0, 8).map((i) => ({
            key: i.itemId,
            label: i.name,
            value: i.quantity,
            text: `${i.quantity} · ${money(i.netFen)}`,
          }))}
        />
      </Card>

      <Card title='加料与选项'>
        <BarList
          id='chart-options'
          empty='没有选项数据'
          rows={s.byOption.slice(0, 10).map((o) => ({
            key: `${o.groupId}-${o.optionId}`,
            label: o.name,
            value: o.quantity,
            text: `${o.quantity} 份`,
          }))}
        />
      </Card>

      <Card title='优惠活动'>
        <View id='promotions'>
          {s.promotions.length === 0 ? <Text className='note'>没有使用优惠</Text> : null}
          {s.promotions.map((p) => (
            <View className='row' key={p.promotionId} id={`promo-${p.promotionId}`}>
              <Text className='row__label'>{p.name}</Text>
              <Text className='row__meta'>
                {p.orders} 单 · {percent(p.rate)}
              </Text>
              <Text className='row__value'>−{money(p.costFen)}</Text>
            </View>
          ))}
          <View className='row row--total'>
            <Text className='row__label'>优惠合计</Text>
            <Text className='row__value' id='discount-total'>
              −{money(s.discountFen)}
            </Text>
          </View>
        </View>
      </Card>

      <View className='owner__pair'>
        <Card title='退款'>
          <View id='refunds'>
            <Text className='big' id='refund-total'>
              {money(s.refundFen)}
            </Text>
            <Text className='note'>
              占销售额 {s.grossFen > 0 ? percent(s.refundFen / s.grossFen) : '0.0%'} · {s.cancelledOrders} 单取消
            </Text>
          </View>
        </Card>
        <Card title='次卡 售出/核销'>
          <View id='passes'>
            <Text className='big'>
              {s.passes.soldCount} / {s.passes.redeemedCount}
            </Text>
            <SplitBar
              id='passes-bar'
              left={{ label: `售出 ${money(s.passes.soldFen)}`, value: s.passes.soldCount }}
              right={{ label: `核销 ${money(s.passes.redeemedValueFen)}`, value: s.passes.redeemedCount }}
            />
          </View>
        </Card>
      </View>

      <Card title='工位利用率'>
        <View id='bays'>
          {r.bayUtilisation ? (
            <BarList
              id='chart-bays'
              empty='没有工位'
              rows={r.bayUtilisation.resources.map((b) => ({
                key: b.resourceId,
                label: b.name,
                value: b.rate,
                text: percent(b.rate),
              }))}
            />
          ) : (
            <Text className='note'>暂无预约数据</Text>
          )}
        </View>
      </Card>
      {r.notes.length > 0 ? (
        <View className='owner__notes' id='report-notes'>
          {r.notes.map((n) => (
            <Text className='note' key={n}>
              {n}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Kpi(props: {
  id: string
  label: string
  value: string
  prev: string
  delta: ReturnType<typeof change>
  vs: string
}) {
  return (
    <View className='kpi' id={props.id}>
      <Text className='kpi__label'>{props.label}</Text>
      <Text className='kpi__value'>{props.value}</Text>
      <Text className={`kpi__delta kpi__delta--${props.delta.trend}`}>
        {props.delta.text}{' '}
        <Text className='kpi__prev'>
          {props.vs} {props.prev}
        </Text>
      </Text>
    </View>
  )
}

/** A titled card. */
export function Card({ title, aside, children }: { title: string; aside?: string; children: ReactNode }) {
  return (
    <View className='card2'>
      <View className='card2__head'>
        <Text className='card2__title'>{title}</Text>
        {aside ? <Text className='card2__aside'>{aside}</Text> : null}
      </View>
      {children}
    </View>
  )
}
