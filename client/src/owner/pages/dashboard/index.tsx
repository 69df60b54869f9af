import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SalesReportResponse } from '@xiaodian/shared'
import { Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { Role } from '@/core/session'
import { sessionStore } from '@/stores/session'
import { AttentionList } from '../../components/attention-list'
import { BarList, HourChart, SplitBar } from '../../components/charts'
import { PinLogin } from '../../components/pin-login'
import { PurchaseList } from '../../components/purchase-list'
import { ReconciliationCard } from '../../components/reconciliation-card'
import { CHANNEL_NAMES, change, dayLabel, money, percent, shiftDay } from '../../core/figures'
import { OwnerApiError, type Period } from '../../core/owner-api'
import type { OwnerSession } from '../../core/owner-session'
import { apiBase, openStream, ownerApi, ownerSession } from '../../services'
import '../../owner.scss'

/** The owner's day (phone or desktop): sales against last week, the charts, and what needs attention. */
export default function Dashboard() {
  useLoad(() => sessionStore.getState().enter(Role.owner))
  const session = useStore(ownerSession, (s) => s.session)
  return <View className='page owner'>{session ? <OwnerDay session={session} /> : <PinLogin />}</View>
}

type Scope = { kind: 'day'; day: string | null } | { kind: 'range'; days: 7 | 30 }

const CHANNEL_COLORS: Readonly<Record<string, string>> = { meituan: '#f5b800', miniprogram: '#1c7ed6', pos: '#495057' }

function OwnerDay({ session }: { session: OwnerSession }) {
  const queries = useQueryClient()
  const [view, setView] = useState<Scope>({ kind: 'day', day: null })
  const [today, setToday] = useState<string | null>(null)
  const period: Period =
    view.kind === 'day'
      ? view.day
        ? { day: view.day }
        : {}
      : today
        ? { from: shiftDay(today, -(view.days - 1)), to: today }
        : {}
  const report = useQuery({
    queryKey: ['owner-report', session.storeId, period],
    queryFn: ({ signal }) => ownerApi.report(session.token, session.storeId, period, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  })
  const attention = useQuery({
    queryKey: ['owner-attention', session.storeId],
    queryFn: ({ signal }) => ownerApi.attention(session.token, session.storeId, signal),
    refetchInterval: 30_000,
    staleTime: 5_000,
  })
  const purchasing = useQuery({
    queryKey: ['owner-purchasing', session.storeId],
    queryFn: () => ownerApi.purchasing(session.token, session.storeId),
    staleTime: 5 * 60_000,
  })
  const yesterday = today ? shiftDay(today, -1) : null
  const reconciliation = useQuery({
    queryKey: ['owner-reconciliation', session.storeId, yesterday],
    queryFn: () => ownerApi.reconciliation(session.token, session.storeId, yesterday as string),
    enabled: yesterday !== null,
    staleTime: 5 * 60_000,
  })
  useEffect(() => {
    if (report.data && !('day' in period && period.day) && !('from' in period) && report.data.live)
      setToday(report.data.to)
  }, [report.data, period])
  useEffect(() => {
    for (const e of [report.error, attention.error]) {
      if (e instanceof OwnerApiError && (e.status === 401 || e.status === 403)) ownerSession.getState().signOut()
    }
  }, [report.error, attention.error])

  // Live: every new event in the store's order stream refreshes the list and a live report (debounced).
  const streamFrom = useRef<number | null>(null)
  const [live, setLive] = useState<'open' | 'connecting' | 'closed'>('connecting')
  if (streamFrom.current === null && attention.data) streamFrom.current = attention.data.seq
  const ready = streamFrom.current !== null
  useEffect(() => {
    if (!ready) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const handle = openStream({
      baseUrl: apiBase,
      path: `/api/stores/${session.storeId}/stream`,
      socketPath: `/api/stores/${session.storeId}/stream/ws`,
      event: 'order',
      after: String(streamFrom.current ?? 0),
      query: { access_token: session.token },
      onEvent: () => {
        clearTimeout(timer)
        timer = setTimeout(() => {
          void queries.invalidateQueries({ queryKey: ['owner-attention', session.storeId] })
          void queries.invalidateQueries({
            queryKey: ['owner-report', session.storeId],
            predicate: (q) => (q.state.data as SalesReportResponse | undefined)?.live === true,
          })
        }, 800)
      },
      onStatus: setLive,
    })
    return () => {
      clearTimeout(timer)
      handle.close()
    }
  }, [ready, session.storeId, session.token, queries])

  const r = report.data
  const day = view.kind === 'day' ? (view.day ?? today) : null
  return (
    <View className='owner__body'>
      <View className='owner__head'>
        <View>
          <Text className='owner__store' id='store-name'>
            {session.storeName}
          </Text>
          <Text className={`owner__live owner__live--${live}`} id='live-status'>
            {live === 'open' ? '● 实时' : live === 'connecting' ? '○ 连接中' : '○ 已断开'}
          </Text>
        </View>
        <Text className='owner__signout' id='sign-out' onClick={() => ownerSession.getState().signOut()}>
          退出
        </Text>
      </View>

      <View className='owner__tabs'>
        <Tab
          id='tab-today'
          on={view.kind === 'day' && (view.day === null || view.day === today)}
          onClick={() => setView({ kind: 'day', day: null })}
        >
          今日
        </Tab>
        <Tab
          id='tab-yesterday'
          on={view.kind === 'day' && today !== null && view.day === shiftDay(today, -1)}
          onClick={() => today && setView({ kind: 'day', day: shiftDay(today, -1) })}
        >
          昨日
        </Tab>
        <Tab
          id='tab-7'
          on={view.kind === 'range' && view.days === 7}
          onClick={() => setView({ kind: 'range', days: 7 })}
        >
          近7天
        </Tab>
        <Tab
          id='tab-30'
          on={view.kind === 'range' && view.days === 30}
          onClick={() => setView({ kind: 'range', days: 30 })}
        >
          近30天
        </Tab>
      </View>
      {day ? (
        <View className='owner__day'>
          <Text className='owner__arrow' id='day-prev' onClick={() => setView({ kind: 'day', day: shiftDay(day, -1) })}>
            ‹
          </Text>
          <Text id='report-day'>{dayLabel(day)}</Text>
          <Text
            className={`owner__arrow ${today && day >= today ? 'owner__arrow--off' : ''}`}
            id='day-next'
            onClick={() => today && day < today && setView({ kind: 'day', day: shiftDay(day, 1) })}
          >
            ›
          </Text>
        </View>
      ) : r ? (
        <Text className='owner__day' id='report-day'>
          {dayLabel(r.from)} – {dayLabel(r.to)}
        </Text>
      ) : null}

      {report.isError && !r ? (
        <Text className='note note--error' id='report-error'>
          报表加载失败
        </Text>
      ) : null}
      {r ? <Report r={r} /> : <Text className='note'>加载中…</Text>}

      <Card title={`待处理 ${attention.data ? `(${attention.data.items.length})` : ''}`}>
        {attention.data ? <AttentionList items={attention.data.items} /> : <Text className='note'>加载中…</Text>}
      </Card>

      <Card title={yesterday ? `对账 · ${dayLabel(yesterday)}` : '对账'}>
        {reconciliation.data ? <ReconciliationCard r={reconciliation.data} /> : <Text className='note'>加载中…</Text>}
      </Card>

      <Card title={purchasing.data ? `明日采购 · ${dayLabel(purchasing.data.forDay)}` : '明日采购'} aside='以销定采'>
        {purchasing.data ? <PurchaseList plan={purchasing.data} /> : <Text className='note'>加载中…</Text>}
      </Card>
    </View>
  )
}

function Report({ r }: { r: SalesReportResponse }) {
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

function Card({ title, aside, children }: { title: string; aside?: string; children: ReactNode }) {
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

function Tab({ id, on, onClick, children }: { id: string; on: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <View id={id} className={`owner__tab ${on ? 'owner__tab--on' : ''}`} onClick={onClick}>
      {children}
    </View>
  )
}
