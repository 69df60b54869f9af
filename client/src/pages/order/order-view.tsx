import { useQuery, useQueryClient } from '@tanstack/react-query'
import { formatYuan } from '@xiaodian/domain'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { go, PAGES } from '@/components/nav'
import { OfflineBanner, QueryView } from '@/components/query-view'
import { errorText, type OrderView as Order } from '@/consumer/api'
import { useConsumer } from '@/consumer/hooks'
import { followOrder } from '@/consumer/order-follow'
import {
  FULFILMENT_LABEL,
  pickupLabel,
  statusHint,
  statusText,
  stepLabel,
  TRACK_STEPS,
  trackStep,
} from '@/consumer/order-status'
import { paymentMode, requestPayment } from '@/platform/payment'
import type { StreamStatus } from '@/platform/stream'

/** Order tracking: the pickup number large, the status live from the order stream, what was ordered. */
export function OrderTracking({ storeId, orderId }: { storeId: string; orderId: string }) {
  const { api, baseUrl, openStream } = useConsumer()
  const queryClient = useQueryClient()
  const key = ['my-order', storeId, orderId]
  const order = useQuery({ queryKey: key, queryFn: ({ signal }) => api.myOrder(storeId, orderId, signal) })
  const [live, setLive] = useState<StreamStatus>('connecting')
  const [payError, setPayError] = useState<string | null>(null)

  useEffect(() => {
    let handle: { close(): void } | undefined
    let stopped = false
    api.token().then(
      (token) => {
        if (stopped) return
        handle = followOrder({
          baseUrl,
          storeId,
          orderId,
          token,
          openStream,
          onOrder: (next) => queryClient.setQueryData(['my-order', storeId, orderId], next),
          onStatus: setLive,
        })
      },
      () => setLive('closed'),
    )
    return () => {
      stopped = true
      handle?.close()
    }
  }, [api, baseUrl, openStream, queryClient, storeId, orderId])

  const payNow = async (o: Order) => {
    setPayError(null)
    if (paymentMode === 'sandbox') {
      go(PAGES.pay, { storeId, orderId: o.id })
      return
    }
    try {
      await requestPayment(await api.jsapiPayment(storeId, o.id))
      order.refetch()
    } catch (error) {
      setPayError(errorText(error))
    }
  }

  return (
    <View className='page track'>
      <OfflineBanner />
      <QueryView query={order} name='order'>
        {(o) => {
          const step = trackStep(o.fulfilment)
          const stepIndex = step === null ? -1 : TRACK_STEPS.indexOf(step)
          return (
            <View className='track__body'>
              <View className='track__hero'>
                <Text className='track__label'>取餐号</Text>
                <Text className='track__number' id='pickup-number'>
                  {pickupLabel(o)}
                </Text>
                <Text className='track__status' id='order-status'>
                  {statusText(o)}
                </Text>
                <Text className='track__hint'>{statusHint(o)}</Text>
                <Text className={`track__live track__live--${live}`} id='order-live'>
                  {live === 'open' ? '● 实时更新中' : live === 'connecting' ? '○ 正在连接…' : '○ 已断开'}
                </Text>
              </View>
              {o.fulfilment !== 'cancelled' ? (
                <View className='steps' id='order-steps'>
                  {TRACK_STEPS.map((s, i) => (
                    <View key={s} className={`steps__item ${i <= stepIndex ? 'steps__item--on' : ''}`} id={`step-${s}`}>
                      <View className='steps__dot' />
                      <Text className='steps__name'>{stepLabel(s, o)}</Text>
                    </View>
                  ))}
                </View>
              ) : null}
              {o.payment === 'unpaid' && o.fulfilment !== 'cancelled' ? (
                <View className='panel'>
                  <Button className='btn' id='order-pay' onClick={() => payNow(o)}>
                    去支付 {formatYuan(o.amounts.totalFen)}
                  </Button>
                  {payError ? <Text className='note note--error'>{payError}</Text> : null}
                </View>
              ) : null}
              <View className='panel'>
                <Text className='panel__title'>{FULFILMENT_LABEL[o.fulfilmentType]}</Text>
                {o.lines.map((l) => (
                  <View className='row' key={l.id}>
                    <View className='track__line'>
                      <Text>
                        {l.itemName} × {l.quantity}
                      </Text>
                      <Text className='row__label'>{[l.skuName, ...l.options.map((x) => x.name)].join(' · ')}</Text>
                    </View>
                    <Text>{formatYuan(l.totalFen)}</Text>
                  </View>
                ))}
                {o.promotions.map((p) => (
                  <View className='row' key={p.promotionId}>
                    <Text className='row__label'>{p.name}</Text>
                    <Text className='saving'>-{formatYuan(p.savingFen)}</Text>
                  </View>
                ))}
                <View className='row'>
                  <Text className='row__label'>{o.payment === 'unpaid' ? '应付' : '实付'}</Text>
                  <Text className='price' id='order-total'>
                    {formatYuan(o.amounts.totalFen)}
                  </Text>
                </View>
                {o.notes ? (
                  <View className='row'>
                    <Text className='row__label'>备注</Text>
                    <Text>{o.notes}</Text>
                  </View>
                ) : null}
              </View>
              <View className='track__actions'>
                <Button className='btn btn--ghost' id='order-history' onClick={() => go(PAGES.orders, { storeId })}>
                  全部订单
                </Button>
                <Button className='btn btn--ghost' id='order-again' onClick={() => go(PAGES.home, { storeId })}>
                  再来一单
                </Button>
              </View>
            </View>
          )
        }}
      </QueryView>
    </View>
  )
}
