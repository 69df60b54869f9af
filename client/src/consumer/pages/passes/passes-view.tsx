import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { formatYuan } from '@xiaodian/domain'
import { Button, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { OfflineBanner, QueryView } from '@/components/query-view'
import { useNow } from '@/components/use-now'
import { errorText } from '@/consumer/api'
import { countdown } from '@/consumer/booking'
import { useConsumer } from '@/consumer/hooks'
import { randomId } from '@/consumer/random-id'
import { PASS_STATUS_LABEL, passesApi, type Subscription, usesText } from '@/consumer/passes'
import { payOrder } from '@/consumer/pay-order'
import { paymentMode, requestPayment } from '@/platform/payment'
import { PassQr } from './pass-qr'

const dateLabel = (at: number | null) => {
  if (at === null) return ''
  const d = new Date(at + 8 * 3600_000)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

/**
 * Passes and drink plans: the plans for sale, the customer's own with what is left, pause / resume /
 * skip / cancel, and the QR code staff scan to redeem one use (uses left update while it is shown).
 */
export function PassesView({ storeId }: { storeId: string }) {
  const { api } = useConsumer()
  const queryClient = useQueryClient()
  const passes = useMemo(() => passesApi(api), [api])
  const [showing, setShowing] = useState<string | null>(null)
  const plans = useQuery({ queryKey: ['pass-plans', storeId], queryFn: ({ signal }) => passes.plans(storeId, signal) })
  const mine = useQuery({
    queryKey: ['passes-mine', storeId],
    queryFn: ({ signal }) => passes.mine(storeId, signal),
    // While the code is on screen the staff may scan it at any moment: show the use as soon as it lands.
    // A pass just paid for starts when WeChat Pay's notification is in: follow it until then.
    refetchInterval: (q) =>
      showing !== null || q.state.data?.subscriptions.some((x) => x.status === 'pending_payment') ? 2000 : false,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['passes-mine', storeId] })

  const pay = (orderId: string) => payOrder({ api, paymentMode, requestPayment }, storeId, orderId)
  const buy = useMutation({
    mutationFn: async (planId: string) => {
      const bought = await passes.buy(storeId, planId, randomId())
      await pay(bought.payment.outTradeNo)
      return bought
    },
    onSettled: refresh,
  })
  const act = useMutation({
    mutationFn: async (args: { sub: Subscription; what: 'pause' | 'resume' | 'cancel' | 'skip' | 'pay' }) => {
      const { sub, what } = args
      if (what === 'pay') return pay(sub.purchaseOrderId)
      if (what === 'skip') return sub.nextPeriod ? passes.skip(storeId, sub.id, sub.nextPeriod.key) : undefined
      return passes[what](storeId, sub.id)
    },
    onSettled: refresh,
  })
  const error = buy.error ?? act.error
  const shown = mine.data?.subscriptions.find((s) => s.id === showing)

  return (
    <View className='page passes'>
      <OfflineBanner />
      <Text className='page__title'>次卡 · 月卡 · 饮品计划</Text>
      {error ? (
        <Text className='note note--error' id='passes-error'>
          {errorText(error)}
        </Text>
      ) : null}

      <View className='panel'>
        <Text className='panel__title'>我的卡</Text>
        <QueryView query={mine} name='mypasses'>
          {(list) =>
            list.subscriptions.length === 0 ? (
              <Text className='note' id='mypasses-none'>
                还没有卡, 在下面选一张吧
              </Text>
            ) : (
              <View className='passes__list'>
                {list.subscriptions.map((sub) => (
                  <View className='pass' key={sub.id} id={`pass-${sub.id}`}>
                    <View className='pass__head'>
                      <Text className='pass__name'>{sub.planName}</Text>
                      <Text className='pass__status' id={`pass-status-${sub.id}`}>
                        {PASS_STATUS_LABEL[sub.status]}
                      </Text>
                    </View>
                    <Text className='pass__uses' id={`pass-uses-${sub.id}`}>
                      {usesText(sub)}
                    </Text>
                    {sub.endAt !== null ? (
                      <Text className='row__label'>{`有效期至 ${dateLabel(sub.endAt)}`}</Text>
                    ) : null}
                    <View className='pass__actions'>
                      {sub.status === 'pending_payment' ? (
                        <View
                          className='link'
                          id={`pass-pay-${sub.id}`}
                          onClick={() => act.mutate({ sub, what: 'pay' })}
                        >
                          {`去支付 ${formatYuan(sub.priceFen)}`}
                        </View>
                      ) : null}
                      {sub.kind === 'pass' && sub.status === 'active' ? (
                        <View
                          className='link link--primary'
                          id={`pass-show-${sub.id}`}
                          onClick={() => setShowing(sub.id)}
                        >
                          出示二维码
                        </View>
                      ) : null}
                      {sub.status === 'active' ? (
                        <View
                          className='link'
                          id={`pass-pause-${sub.id}`}
                          onClick={() => act.mutate({ sub, what: 'pause' })}
                        >
                          暂停
                        </View>
                      ) : null}
                      {sub.status === 'paused' ? (
                        <View
                          className='link'
                          id={`pass-resume-${sub.id}`}
                          onClick={() => act.mutate({ sub, what: 'resume' })}
                        >
                          恢复
                        </View>
                      ) : null}
                      {sub.kind === 'drink_plan' && sub.status === 'active' && sub.nextPeriod ? (
                        <View
                          className='link'
                          id={`pass-skip-${sub.id}`}
                          onClick={() => act.mutate({ sub, what: 'skip' })}
                        >
                          跳过下一期
                        </View>
                      ) : null}
                      {sub.status === 'active' || sub.status === 'paused' ? (
                        <View
                          className='link link--danger'
                          id={`pass-cancel-${sub.id}`}
                          onClick={() => act.mutate({ sub, what: 'cancel' })}
                        >
                          到期不续
                        </View>
                      ) : null}
                    </View>
                  </View>
                ))}
              </View>
            )
          }
        </QueryView>
      </View>

      <View className='panel'>
        <Text className='panel__title'>可购买</Text>
        <QueryView query={plans} name='plans'>
          {(list) => (
            <View className='passes__list'>
              {list.plans.map((plan) => (
                <View className='plan' key={plan.id} id={`plan-${plan.id}`}>
                  <View className='plan__text'>
                    <Text className='pass__name'>{plan.name}</Text>
                    <Text className='row__label'>{plan.description}</Text>
                  </View>
                  <Button
                    className={`btn btn--small ${buy.isPending ? 'btn--disabled' : ''}`}
                    id={`buy-${plan.id}`}
                    disabled={buy.isPending}
                    onClick={() => buy.mutate(plan.id)}
                  >
                    {`${formatYuan(plan.priceFen, { trim: true })} 购买`}
                  </Button>
                </View>
              ))}
            </View>
          )}
        </QueryView>
      </View>

      {shown ? <PassCode storeId={storeId} sub={shown} onClose={() => setShowing(null)} /> : null}
    </View>
  )
}

/** The code staff scan; it is signed and short-lived, so it is fetched again shortly before it expires. */
function PassCode({ storeId, sub, onClose }: { storeId: string; sub: Subscription; onClose: () => void }) {
  const { api } = useConsumer()
  const passes = useMemo(() => passesApi(api), [api])
  const now = useNow(1000)
  const code = useQuery({
    queryKey: ['pass-code', storeId, sub.id],
    queryFn: () => passes.code(storeId, sub.id),
    refetchInterval: (q) => {
      const expiresAt = q.state.data?.expiresAt
      return expiresAt === undefined ? false : Math.max(5_000, expiresAt - Date.now() - 15_000)
    },
  })
  return (
    <View className='sheet' id='pass-qr'>
      <View className='sheet__mask' onClick={onClose} />
      <View className='sheet__body pass-code'>
        <Text className='pass__name'>{sub.planName}</Text>
        <Text className='pass__uses' id='pass-qr-uses'>
          {usesText(sub)}
        </Text>
        <QueryView query={code} name='pass-code'>
          {(c) => (
            <View className='pass-code__box'>
              <PassQr text={c.code} />
              <Text className='row__label'>{`请向店员出示 · ${countdown(c.expiresAt, now)} 后刷新`}</Text>
              <Text className='pass-code__text' id='pass-code-text'>
                {c.code}
              </Text>
            </View>
          )}
        </QueryView>
        {sub.redemptions.length > 0 ? (
          <Text className='row__label' id='pass-last-use'>
            {`最近使用: ${new Date(sub.redemptions[sub.redemptions.length - 1]!.at + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ')}`}
          </Text>
        ) : null}
        <Button className='btn btn--ghost' id='pass-qr-close' onClick={onClose}>
          关闭
        </Button>
      </View>
    </View>
  )
}
