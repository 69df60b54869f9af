import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { formatYuan } from '@xiaodian/domain'
import { Button, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { OfflineBanner, QueryView } from '@/components/query-view'
import { useNow } from '@/components/use-now'
import { errorText } from '@/consumer/api'
import {
  BOOKING_STATUS_LABEL,
  type Booking,
  type BookingServices,
  bookingApi,
  bookingDays,
  canChange,
  clockLabel,
  countdown,
  type Slot,
  slotTakenAlternatives,
} from '@/consumer/booking'
import { useConsumer } from '@/consumer/hooks'
import { randomId } from '@/consumer/random-id'
import { payOrder } from '@/consumer/pay-order'
import { paymentMode, requestPayment } from '@/platform/payment'

const DAYS_SHOWN = 7

/**
 * Booking a wash: the service, a day, the free starts; a hold while paying with its countdown; then the
 * customer's bookings with cancel and reschedule inside the shop's cutoff.
 */
export function BookingView({ storeId }: { storeId: string }) {
  const { api } = useConsumer()
  const booking = useMemo(() => bookingApi(api), [api])
  const services = useQuery({
    queryKey: ['booking-services', storeId],
    queryFn: ({ signal }) => booking.services(storeId, signal),
  })
  return (
    <View className='page booking'>
      <OfflineBanner />
      <Text className='page__title'>预约洗车</Text>
      <QueryView query={services} name='services'>
        {(data) => <BookingForm storeId={storeId} data={data} />}
      </QueryView>
    </View>
  )
}

function BookingForm({ storeId, data }: { storeId: string; data: BookingServices }) {
  const { api } = useConsumer()
  const queryClient = useQueryClient()
  const booking = useMemo(() => bookingApi(api), [api])
  const tz = data.timeZone
  const now = useNow(1000)
  const days = useMemo(() => bookingDays(Date.now(), tz, Math.min(DAYS_SHOWN, data.policy.windowDays)), [tz, data])
  const [serviceId, setServiceId] = useState(data.services[0]?.id ?? '')
  const service = data.services.find((s) => s.id === serviceId)
  const [skuId, setSkuId] = useState<string | undefined>(service?.skus[0]?.id)
  const [day, setDay] = useState(days[0]?.key ?? '')
  const [slot, setSlot] = useState<Slot | null>(null)
  const [holdId, setHoldId] = useState<string | null>(null)
  const [moving, setMoving] = useState<Booking | null>(null)
  const [alternatives, setAlternatives] = useState<Slot[] | undefined>(undefined)

  const slots = useQuery({
    queryKey: ['booking-slots', storeId, serviceId, day],
    queryFn: ({ signal }) => booking.availability(storeId, serviceId, day, signal),
    enabled: serviceId !== '' && day !== '',
    refetchInterval: 15_000,
  })
  const mine = useQuery({ queryKey: ['booking-mine', storeId], queryFn: ({ signal }) => booking.mine(storeId, signal) })
  const current = useQuery({
    queryKey: ['booking', storeId, holdId],
    queryFn: () => booking.get(storeId, holdId ?? ''),
    enabled: holdId !== null,
    // After paying, the booking is confirmed when WeChat Pay's notification is in: follow it until then.
    refetchInterval: (q) => (q.state.data?.booking.status === 'held' ? 1500 : false),
  })
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ['booking-slots', storeId] })
    queryClient.invalidateQueries({ queryKey: ['booking-mine', storeId] })
  }

  const hold = useMutation({
    mutationFn: (start: number) =>
      booking.hold(storeId, { bookingId: randomId(), serviceId, ...(skuId ? { skuId } : {}), start }),
    onSuccess: (res) => {
      setAlternatives(undefined)
      setHoldId(res.booking.id)
      queryClient.setQueryData(['booking', storeId, res.booking.id], { booking: res.booking })
      refresh()
    },
    onError: (error) => {
      const nearest = slotTakenAlternatives(error)
      setAlternatives(nearest)
      if (nearest !== undefined) setSlot(null)
      refresh()
    },
  })
  const pay = useMutation({
    mutationFn: (b: Booking) => payOrder({ api, paymentMode, requestPayment }, storeId, b.orderId),
    onSuccess: () => {
      current.refetch()
      refresh()
    },
  })
  const cancel = useMutation({
    mutationFn: (b: Booking) => booking.cancel(storeId, b.id),
    onSuccess: refresh,
  })
  const reschedule = useMutation({
    mutationFn: (args: { b: Booking; start: number }) => booking.reschedule(storeId, args.b.id, args.start),
    onSuccess: () => {
      setMoving(null)
      setSlot(null)
      refresh()
    },
    onError: (error) => {
      const nearest = slotTakenAlternatives(error)
      setAlternatives(nearest)
      if (nearest !== undefined) setSlot(null)
    },
  })
  /** Choosing a start clears the last refusal. */
  const pick = (s: Slot) => {
    setSlot(s)
    hold.reset()
    reschedule.reset()
    setAlternatives(undefined)
  }

  const held = current.data?.booking
  const price = service?.skus.find((k) => k.id === skuId)?.priceFen ?? service?.skus[0]?.priceFen ?? 0
  const error = hold.error ?? reschedule.error ?? pay.error ?? cancel.error

  return (
    <View className='booking__body'>
      <View className='panel'>
        <Text className='panel__title'>服务</Text>
        <View className='chips'>
          {data.services.map((s) => (
            <View
              key={s.id}
              id={`svc-${s.id}`}
              className={`chip ${s.id === serviceId ? 'chip--on' : ''}`}
              onClick={() => {
                setServiceId(s.id)
                setSkuId(s.skus[0]?.id)
                setSlot(null)
              }}
            >
              {`${s.name} · ${s.durationMin}分钟`}
            </View>
          ))}
        </View>
        {service && service.skus.length > 1 ? (
          <View className='chips'>
            {service.skus.map((k) => (
              <View
                key={k.id}
                id={`bsku-${k.id}`}
                className={`chip ${k.id === skuId ? 'chip--on' : ''}`}
                onClick={() => setSkuId(k.id)}
              >
                {`${k.name} ${formatYuan(k.priceFen, { trim: true })}`}
              </View>
            ))}
          </View>
        ) : null}
      </View>

      <View className='panel'>
        <Text className='panel__title'>{moving ? `改约: ${moving.serviceName}` : '日期与时间'}</Text>
        <View className='chips'>
          {days.map((d, i) => (
            <View
              key={d.key}
              id={`day-${i}`}
              className={`chip ${d.key === day ? 'chip--on' : ''}`}
              onClick={() => {
                setDay(d.key)
                setSlot(null)
              }}
            >
              {d.label}
            </View>
          ))}
        </View>
        <QueryView query={slots} name='slots'>
          {(a) =>
            a.slots.length === 0 ? (
              <Text className='note' id='slots-none'>
                {a.open.length === 0 ? '当天不营业' : '当天已约满, 请换一天'}
              </Text>
            ) : (
              <View className='slots' id='slots'>
                {a.slots.map((s) => {
                  const label = clockLabel(s.start, tz)
                  return (
                    <View
                      key={s.start}
                      id={`slot-${label.replace(':', '')}`}
                      className={`slot ${slot?.start === s.start ? 'slot--on' : ''}`}
                      onClick={() => pick(s)}
                    >
                      <Text className='slot__time'>{label}</Text>
                      <Text className='slot__free'>{`余${s.free}`}</Text>
                    </View>
                  )
                })}
              </View>
            )
          }
        </QueryView>
      </View>

      {held ? (
        <View className='panel booking__hold' id='booking-hold-panel'>
          <Text className='panel__title'>{`${held.serviceName} · ${clockLabel(held.start, tz)}`}</Text>
          <View className='row'>
            <Text className='row__label'>状态</Text>
            <Text id='booking-status'>{BOOKING_STATUS_LABEL[held.status]}</Text>
          </View>
          {held.resourceName ? (
            <View className='row'>
              <Text className='row__label'>工位</Text>
              <Text id='booking-bay'>{held.resourceName}</Text>
            </View>
          ) : null}
          <View className='row'>
            <Text className='row__label'>金额</Text>
            <Text className='price'>{formatYuan(held.amountFen)}</Text>
          </View>
          {held.status === 'held' && held.holdExpiresAt !== null ? (
            <>
              <View className='row'>
                <Text className='row__label'>已为你保留, 请在倒计时结束前支付</Text>
                <Text className='booking__countdown' id='hold-countdown'>
                  {countdown(held.holdExpiresAt, now)}
                </Text>
              </View>
              <Button
                className={`btn ${pay.isPending ? 'btn--disabled' : ''}`}
                id='booking-pay'
                disabled={pay.isPending}
                onClick={() => pay.mutate(held)}
              >
                {pay.isPending ? '支付中…' : `支付 ${formatYuan(held.amountFen)}`}
              </Button>
            </>
          ) : null}
        </View>
      ) : null}

      <View className='action-bar'>
        {error ? (
          <View className='booking__error' id='booking-error'>
            <Text className='note note--error'>
              {alternatives !== undefined ? '这个时段刚被别人约走了, 换一个吧' : errorText(error)}
            </Text>
            {alternatives && alternatives.length > 0 ? (
              <View className='chips'>
                {alternatives.map((s) => {
                  const label = clockLabel(s.start, tz)
                  return (
                    <View key={s.start} id={`near-${label.replace(':', '')}`} className='chip' onClick={() => pick(s)}>
                      {label}
                    </View>
                  )
                })}
              </View>
            ) : null}
          </View>
        ) : null}
        {moving ? (
          <Button
            className={`btn ${slot && !reschedule.isPending ? '' : 'btn--disabled'}`}
            id='booking-reschedule'
            disabled={!slot || reschedule.isPending}
            onClick={() => slot && reschedule.mutate({ b: moving, start: slot.start })}
          >
            {slot ? `改到 ${clockLabel(slot.start, tz)}` : '请选择新的时间'}
          </Button>
        ) : (
          <Button
            className={`btn ${slot && !hold.isPending ? '' : 'btn--disabled'}`}
            id='booking-hold'
            disabled={!slot || hold.isPending}
            onClick={() => slot && hold.mutate(slot.start)}
          >
            {slot ? `预约 ${clockLabel(slot.start, tz)} · ${formatYuan(price)}` : '请选择时间'}
          </Button>
        )}
      </View>

      <View className='panel'>
        <Text className='panel__title'>我的预约</Text>
        <QueryView query={mine} name='mybookings'>
          {(list) =>
            list.bookings.length === 0 ? (
              <Text className='note'>还没有预约</Text>
            ) : (
              <View>
                {list.bookings.map((b) => {
                  const changeable = canChange(b, data.policy.cancelCutoffMin, now)
                  return (
                    <View className='mybooking' key={b.id} id={`mybooking-${b.id}`}>
                      <View className='mybooking__text'>
                        <Text className='mybooking__name'>{`${b.serviceName} · ${b.localDay.slice(5)} ${clockLabel(b.start, tz)}`}</Text>
                        <Text className='row__label'>
                          {`${BOOKING_STATUS_LABEL[b.status]}${b.resourceName ? ` · ${b.resourceName}` : ''}`}
                        </Text>
                      </View>
                      {changeable ? (
                        <View className='mybooking__actions'>
                          <View className='link' id={`resched-${b.id}`} onClick={() => setMoving(b)}>
                            改约
                          </View>
                          <View className='link link--danger' id={`cancel-${b.id}`} onClick={() => cancel.mutate(b)}>
                            取消
                          </View>
                        </View>
                      ) : null}
                    </View>
                  )
                })}
                <Text className='note'>{`开始前 ${Math.round(data.policy.cancelCutoffMin / 60)} 小时以上可取消或改约`}</Text>
              </View>
            )
          }
        </QueryView>
      </View>
    </View>
  )
}
