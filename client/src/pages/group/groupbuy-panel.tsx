import { useMutation, useQuery } from '@tanstack/react-query'
import { formatYuan } from '@xiaodian/domain'
import { Button, Input, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { QueryView } from '@/components/query-view'
import { errorText } from '@/consumer/api'
import { GROUP_BUY_STATUS_LABEL, groupbuyApi } from '@/consumer/groupbuy'
import { useConsumer } from '@/consumer/hooks'
import { payOrder } from '@/consumer/pay-order'
import { paymentMode, requestPayment } from '@/platform/payment'

/** 拼团: open a team on an offer and pay the seat, or join a friend's team by its number. */
export function GroupBuyPanel({ storeId }: { storeId: string }) {
  const { api } = useConsumer()
  const groupbuy = useMemo(() => groupbuyApi(api), [api])
  const [teamId, setTeamId] = useState<string | null>(null)
  const [joinId, setJoinId] = useState('')
  const offers = useQuery({
    queryKey: ['gb-offers', storeId],
    queryFn: ({ signal }) => groupbuy.offers(storeId, signal),
  })
  const team = useQuery({
    queryKey: ['gb-team', storeId, teamId],
    queryFn: ({ signal }) => groupbuy.get(storeId, teamId ?? '', signal),
    enabled: teamId !== null,
    refetchInterval: (q) => (q.state.data?.groupBuy.status === 'open' ? 3000 : false),
  })
  const seat = useMutation({
    mutationFn: async (how: { offerId: string } | { teamId: string }) => {
      const taken =
        'offerId' in how ? await groupbuy.open(storeId, how.offerId) : await groupbuy.join(storeId, how.teamId)
      setTeamId(taken.groupBuy.id)
      await payOrder({ api, paymentMode, requestPayment }, storeId, taken.payment.outTradeNo)
      return taken
    },
    onSettled: () => team.refetch(),
  })

  return (
    <View className='panel' id='groupbuy'>
      <Text className='panel__title'>拼团</Text>
      <QueryView query={offers} name='gb-offers'>
        {(list) =>
          list.offers.length === 0 ? (
            <Text className='note'>本店暂无拼团</Text>
          ) : (
            <View>
              {list.offers.map((o) => (
                <View className='row' key={o.id} id={`gb-offer-${o.id}`}>
                  <View className='group__offer'>
                    <Text>{o.name}</Text>
                    <Text className='row__label'>{`${o.size}人成团 · 原价 ${formatYuan(o.regularFen)}`}</Text>
                  </View>
                  <Button
                    className={`btn btn--small ${seat.isPending ? 'btn--disabled' : ''}`}
                    id={`gb-open-${o.id}`}
                    disabled={seat.isPending}
                    onClick={() => seat.mutate({ offerId: o.id })}
                  >
                    {`${formatYuan(o.groupFen)} 开团`}
                  </Button>
                </View>
              ))}
            </View>
          )
        }
      </QueryView>
      <View className='group__join'>
        <Input
          className='group__input group__input--team'
          id='gb-join-input'
          placeholder='朋友的团号'
          value={joinId}
          onInput={(e) => setJoinId(e.detail.value.trim())}
        />
        <Button
          className={`btn btn--small ${joinId === '' || seat.isPending ? 'btn--disabled' : ''}`}
          id='gb-join'
          disabled={joinId === '' || seat.isPending}
          onClick={() => seat.mutate({ teamId: joinId })}
        >
          参团
        </Button>
      </View>
      {seat.error ? (
        <Text className='note note--error' id='gb-error'>
          {errorText(seat.error)}
        </Text>
      ) : null}
      {team.data ? (
        <View className='group__team' id='gb-team'>
          <Text className='panel__title'>{team.data.groupBuy.name}</Text>
          <Text id='gb-status'>
            {`${GROUP_BUY_STATUS_LABEL[team.data.groupBuy.status]} · ${team.data.groupBuy.paid}/${team.data.groupBuy.size} 人`}
          </Text>
          <Text className='note' id='gb-team-id'>{`团号 ${team.data.groupBuy.id} · 发给朋友来参团`}</Text>
        </View>
      ) : null}
    </View>
  )
}
