import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { formatYuan, type FulfilmentType } from '@xiaodian/domain'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { go, PAGES, replace } from '@/components/nav'
import { ErrorState, Loading, OfflineBanner } from '@/components/query-view'
import { errorText } from '@/consumer/api'
import { cartRequestLines, NO_LINES } from '@/consumer/cart-store'
import { useCart, useCheckout, useConsumer } from '@/consumer/hooks'
import { FULFILMENT_LABEL } from '@/consumer/order-status'
import { paymentMode } from '@/platform/payment'

const FULFILMENTS: readonly FulfilmentType[] = ['pickup', 'dine_in', 'delivery']

/**
 * The cart and checkout: the BFF prices the cart on every change (promotions applied automatically, the
 * saving and the nudge toward the next one), then the customer picks how to get it, adds notes and pays.
 */
export function CartView({ storeId }: { storeId: string }) {
  const { api, cart, checkout } = useConsumer()
  const lines = useCart((s) => (s.storeId === storeId ? s.lines : NO_LINES))
  const fulfilment = useCart((s) => s.fulfilment)
  const notes = useCart((s) => s.notes)
  const coupons = useCart((s) => s.coupons)
  const status = useCheckout((s) => s.status)
  const checkoutError = useCheckout((s) => s.error)
  const [coupon, setCoupon] = useState('')

  const request = { lines: cartRequestLines(lines), ...(coupons.length > 0 ? { couponIds: [...coupons] } : {}) }
  const priced = useQuery({
    queryKey: ['price', storeId, request],
    queryFn: ({ signal }) => api.price(storeId, request, signal),
    enabled: lines.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: 1,
  })

  if (lines.length === 0) {
    return (
      <View className='page cart'>
        <OfflineBanner />
        <View className='state' id='cart-empty'>
          <Text className='state__text'>购物车是空的</Text>
          <Button className='btn' id='cart-back' onClick={() => replace(PAGES.home, { storeId })}>
            去点单
          </Button>
        </View>
      </View>
    )
  }

  const busy = status === 'placing' || status === 'paying'
  const pay = async () => {
    const s = cart.getState()
    const order = await checkout.submit({
      storeId,
      lines: s.lines,
      fulfilment: s.fulfilment,
      notes: s.notes,
      coupons: s.coupons,
    })
    if (order === null) return
    cart.getState().clear()
    checkout.reset()
    if (paymentMode === 'sandbox') replace(PAGES.pay, { storeId, orderId: order.id })
    else replace(PAGES.order, { storeId, orderId: order.id })
  }

  return (
    <View className='page cart'>
      <OfflineBanner />
      <View className='panel'>
        <Text className='panel__title'>已选商品</Text>
        {lines.map((line, i) => {
          const pricedLine = priced.data?.lines.find((l) => l.id === line.id)
          return (
            <View className='cart-line' key={line.id} id={`line-${i}`}>
              <View className='cart-line__text'>
                <Text className='cart-line__name'>{line.name}</Text>
                <Text className='cart-line__detail'>{line.detail}</Text>
              </View>
              <View className='cart-line__right'>
                <Text className='price' id={`line-total-${i}`}>
                  {formatYuan(pricedLine?.totalFen ?? line.unitPriceFen * line.quantity)}
                </Text>
                {pricedLine && pricedLine.totalFen < pricedLine.subtotalFen ? (
                  <Text className='cart-line__was'>{formatYuan(pricedLine.subtotalFen)}</Text>
                ) : null}
                <View className='stepper'>
                  <View
                    className='stepper__btn'
                    id={`line-dec-${i}`}
                    onClick={() => cart.getState().setQuantity(line.id, line.quantity - 1)}
                  >
                    <Text>−</Text>
                  </View>
                  <Text className='stepper__value'>{line.quantity}</Text>
                  <View
                    className='stepper__btn'
                    id={`line-inc-${i}`}
                    onClick={() => cart.getState().setQuantity(line.id, line.quantity + 1)}
                  >
                    <Text>+</Text>
                  </View>
                </View>
              </View>
            </View>
          )
        })}
      </View>

      <View className='panel' id='cart-pricing'>
        <Text className='panel__title'>优惠</Text>
        {priced.isPending ? (
          <Loading id='price-loading' text='正在计算优惠…' />
        ) : priced.isError ? (
          <ErrorState id='price-error' error={priced.error} onRetry={() => priced.refetch()} />
        ) : (
          <View>
            {priced.data.promotions.length === 0 ? (
              <Text className='note' id='promo-none'>
                暂无可用优惠
              </Text>
            ) : (
              <View id='promo-list'>
                {priced.data.promotions.map((p) => (
                  <View className='row' key={p.promotionId} id={`promo-${p.promotionId}`}>
                    <Text>{p.name}</Text>
                    <Text className='saving'>-{formatYuan(p.savingFen)}</Text>
                  </View>
                ))}
              </View>
            )}
            {priced.data.nudge ? (
              <View className='nudge' id='cart-nudge'>
                <Text>{priced.data.nudge.message}</Text>
                <Text className='nudge__go' onClick={() => go(PAGES.home, { storeId })}>
                  去凑单 ›
                </Text>
              </View>
            ) : null}
          </View>
        )}
        <View className='coupon'>
          <Input
            className='coupon__input'
            id='coupon-input'
            placeholder='输入优惠券码'
            value={coupon}
            onInput={(e) => setCoupon(e.detail.value)}
          />
          <Button
            className='btn btn--small btn--ghost'
            id='coupon-apply'
            onClick={() => {
              cart.getState().addCoupon(coupon)
              setCoupon('')
            }}
          >
            使用
          </Button>
        </View>
        {coupons.map((c) => (
          <View className='row' key={c}>
            <Text>券 {c}</Text>
            <Text className='row__label' onClick={() => cart.getState().removeCoupon(c)}>
              移除
            </Text>
          </View>
        ))}
      </View>

      <View className='panel'>
        <Text className='panel__title'>取餐方式</Text>
        <View className='sheet__chips'>
          {FULFILMENTS.map((f) => (
            <View
              key={f}
              id={`ful-${f}`}
              className={`chip ${fulfilment === f ? 'chip--on' : ''}`}
              onClick={() => cart.getState().setFulfilment(f)}
            >
              <Text>{FULFILMENT_LABEL[f]}</Text>
            </View>
          ))}
        </View>
        <Textarea
          className='notes'
          id='cart-notes'
          placeholder='备注: 口味、过敏等 (选填)'
          maxlength={200}
          value={notes}
          onInput={(e) => cart.getState().setNotes(e.detail.value)}
        />
      </View>

      {status === 'failed' ? (
        <Text className='note note--error' id='checkout-error'>
          {errorText(checkoutError)}
        </Text>
      ) : null}

      <View className='pay-bar'>
        <View className='pay-bar__sum'>
          {priced.data ? (
            <>
              <Text className='pay-bar__label'>合计</Text>
              <Text className='price pay-bar__total' id='cart-total'>
                {formatYuan(priced.data.amounts.totalFen)}
              </Text>
              {priced.data.amounts.discountFen > 0 ? (
                <Text className='saving pay-bar__saving' id='cart-saving'>
                  已优惠 {formatYuan(priced.data.amounts.discountFen)}
                </Text>
              ) : null}
            </>
          ) : null}
        </View>
        <Button
          className={`btn pay-bar__go ${busy || !priced.isSuccess ? 'btn--disabled' : ''}`}
          id='checkout-pay'
          disabled={busy || !priced.isSuccess}
          onClick={pay}
        >
          {busy ? '提交中…' : '提交订单'}
        </Button>
      </View>
    </View>
  )
}
