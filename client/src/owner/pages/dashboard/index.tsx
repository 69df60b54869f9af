import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import type { SalesReportResponse } from '@xiaodian/shared'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { Role } from '@/core/session'
import { sessionStore } from '@/stores/session'
import { AttentionList } from '../../components/attention-list'
import { PinLogin } from '../../components/pin-login'
import { PurchaseList } from '../../components/purchase-list'
import { ReconciliationCard } from '../../components/reconciliation-card'
import { Card, Report } from '../../components/report-view'
import { dayLabel, shiftDay } from '../../core/figures'
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

function Tab({ id, on, onClick, children }: { id: string; on: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <View id={id} className={`owner__tab ${on ? 'owner__tab--on' : ''}`} onClick={onClick}>
      {children}
    </View>
  )
}
