import { useQuery, useQueryClient } from '@tanstack/react-query'
import { formatYuan } from '@xiaodian/domain'
import { Button, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { PAGES, replace } from '@/components/nav'
import { OfflineBanner, QueryView } from '@/components/query-view'
import { errorText } from '@/consumer/api'
import { useCheckout, useConsumer } from '@/consumer/hooks'

/**
 * The h5 demo's payment page, standing in for WeChat Pay's sheet: 确认支付 asks the BFF to send itself the
 * real, signed TRANSACTION.SUCCESS notification for this order, so the payment is recorded through the
 * same verify → decrypt → ingest path as in production.
 */
export function PayView({ storeId, orderId }: { storeId: string; orderId: string }) {
  const { api, checkout } = useConsumer()
  const queryClient = useQueryClient()
  const status = useCheckout((s) => s.status)
  const error = useCheckout((s) => s.error)
  const order = useQuery({
    queryKey: ['my-order', storeId, orderId],
    queryFn: ({ signal }) => api.myOrder(storeId, orderId, signal),
  })
  const paid = order.data !== undefined && order.data.payment !== 'unpaid'
  useEffect(() => {
    if (paid) replace(PAGES.order, { storeId, orderId })
  }, [paid, storeId, orderId])

  const confirm = async () => {
    const result = await checkout.paySandbox(storeId, orderId)
    if (result === null) return
    queryClient.setQueryData(['my-order', storeId, orderId], result)
    checkout.reset()
  }

  return (
    <View className='page pay'>
      <OfflineBanner />
      <QueryView query={order} name='pay'>
        {(o) => (
          <View className='pay__card'>
            <Text className='pay__brand'>微信支付 · 沙箱</Text>
            <Text className='pay__merchant'>小店 · 订单 {o.id.slice(0, 8)}</Text>
            <Text className='pay__amount' id='pay-amount'>
              {formatYuan(o.amounts.totalFen)}
            </Text>
            {o.amounts.discountFen > 0 ? (
              <Text className='saving'>已优惠 {formatYuan(o.amounts.discountFen)}</Text>
            ) : null}
            {status === 'failed' ? (
              <Text className='note note--error' id='pay-error'>
                {errorText(error)}
              </Text>
            ) : null}
            <Button
              className={`btn pay__confirm ${status === 'paying' ? 'btn--disabled' : ''}`}
              id='pay-confirm'
              disabled={status === 'paying'}
              onClick={confirm}
            >
              {status === 'paying' ? '支付中…' : '确认支付'}
            </Button>
            <Button
              className='btn btn--ghost'
              id='pay-later'
              onClick={() => replace(PAGES.order, { storeId, orderId })}
            >
              稍后支付
            </Button>
            <Text className='pay__hint'>演示环境: 不会真实扣款, 由服务端模拟微信支付的签名通知。</Text>
          </View>
        )}
      </QueryView>
    </View>
  )
}
