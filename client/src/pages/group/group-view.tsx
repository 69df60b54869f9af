import { useMutation } from '@tanstack/react-query'
import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { go, PAGES } from '@/components/nav'
import { OfflineBanner } from '@/components/query-view'
import { errorText } from '@/consumer/api'
import { type GroupCartTicket, joinGroupCart, startGroupCart } from '@/consumer/group-cart'
import { useConsumer } from '@/consumer/hooks'
import { GroupBuyPanel } from './groupbuy-panel'

/**
 * 一起点: start a group cart and share its 6-digit code, or join a friend's with theirs. Everyone then
 * adds to the one cart from their own phone; the host checks out.
 */
export function GroupView({ storeId }: { storeId: string }) {
  const { api } = useConsumer()
  const [code, setCode] = useState('')
  const [ticket, setTicket] = useState<GroupCartTicket | null>(null)
  const enter = (t: GroupCartTicket) => {
    setTicket(t)
    go(PAGES.groupCart, { storeId, cartId: t.cartId, code: t.inviteCode ?? undefined })
  }
  const start = useMutation({ mutationFn: () => startGroupCart(api, storeId), onSuccess: enter })
  const join = useMutation({ mutationFn: () => joinGroupCart(api, storeId, code), onSuccess: enter })
  const error = start.error ?? join.error

  return (
    <View className='page group'>
      <OfflineBanner />
      <Text className='page__title'>一起点</Text>
      <Text className='note'>和朋友各用各的手机, 往同一个购物车里加, 由发起人统一下单。</Text>
      {ticket ? (
        <View className='panel group__ticket' id='group-ticket'>
          <Text className='panel__title'>{ticket.host ? '拼单已发起' : '已加入拼单'}</Text>
          {ticket.inviteCode ? (
            <>
              <Text className='note'>把口令发给朋友:</Text>
              <Text className='group__code' id='group-code'>
                {ticket.inviteCode}
              </Text>
            </>
          ) : null}
          <Text className='note' id='group-cart-id'>
            拼单号 {ticket.cartId}
          </Text>
          <Button
            className='btn'
            id='group-open'
            onClick={() =>
              go(PAGES.groupCart, { storeId, cartId: ticket.cartId, code: ticket.inviteCode ?? undefined })
            }
          >
            打开拼单
          </Button>
        </View>
      ) : (
        <>
          <View className='panel'>
            <Text className='panel__title'>我来发起</Text>
            <Button
              className={`btn ${start.isPending ? 'btn--disabled' : ''}`}
              id='group-start'
              disabled={start.isPending}
              onClick={() => start.mutate()}
            >
              {start.isPending ? '正在发起…' : '发起一起点'}
            </Button>
          </View>
          <View className='panel'>
            <Text className='panel__title'>加入朋友的拼单</Text>
            <Input
              className='group__input'
              id='group-code-input'
              type='number'
              maxlength={6}
              placeholder='输入 6 位口令'
              value={code}
              onInput={(e) => setCode(e.detail.value)}
            />
            <Button
              className={`btn ${join.isPending || code.length !== 6 ? 'btn--disabled' : ''}`}
              id='group-join'
              disabled={join.isPending || code.length !== 6}
              onClick={() => join.mutate()}
            >
              {join.isPending ? '正在加入…' : '加入'}
            </Button>
          </View>
        </>
      )}
      {error ? (
        <Text className='note note--error' id='group-error'>
          {errorText(error)}
        </Text>
      ) : null}
      <GroupBuyPanel storeId={storeId} />
    </View>
  )
}
