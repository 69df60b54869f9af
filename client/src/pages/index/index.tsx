import { useQuery } from '@tanstack/react-query'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useApi } from '@/app/api-context'
import './index.scss'

/** Store home (consumer entry). For now: whether the BFF answers, and the way to the other entries. */
export default function Index() {
  const api = useApi()
  const health = useQuery({ queryKey: ['healthz'], queryFn: ({ signal }) => api.health(signal) })

  return (
    <View className='page'>
      <Text className='page__title'>小店</Text>
      <View className='card' id='health'>
        <Text className='card__title'>服务状态</Text>
        {health.isPending ? (
          <Text className='note' id='health-loading'>
            加载中…
          </Text>
        ) : health.isError ? (
          <View>
            <Text className='note note--error' id='health-error'>
              连接失败
            </Text>
            <Button className='card__retry' id='health-retry' size='mini' onClick={() => health.refetch()}>
              重试
            </Button>
          </View>
        ) : (
          <View>
            <View className='card__row'>
              <Text className='card__label'>状态</Text>
              <Text id='health-status'>{health.data.ok ? 'ok' : '异常'}</Text>
            </View>
            <View className='card__row'>
              <Text className='card__label'>数据库</Text>
              <Text id='health-db'>{health.data.db}</Text>
            </View>
            <View className='card__row'>
              <Text className='card__label'>版本</Text>
              <Text id='health-version'>{health.data.version}</Text>
            </View>
          </View>
        )}
      </View>
      <View className='entries'>
        <Button id='go-staff' onClick={() => Taro.navigateTo({ url: '/staff/pages/board/index' })}>
          员工看板
        </Button>
        <Button id='go-owner' onClick={() => Taro.navigateTo({ url: '/owner/pages/dashboard/index' })}>
          老板报表
        </Button>
      </View>
    </View>
  )
}
