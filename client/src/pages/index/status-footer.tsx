import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useApi } from '@/app/api-context'

/** The small print of the home page: whether the BFF answers, and the staff and owner entries. */
export function StatusFooter() {
  const api = useApi()
  const health = useQuery({ queryKey: ['healthz'], queryFn: ({ signal }) => api.health(signal) })
  return (
    <View className='footer' id='health'>
      <View className='footer__health'>
        <Text className='footer__label'>服务状态</Text>
        {health.isPending ? (
          <Text id='health-loading'>加载中…</Text>
        ) : health.isError ? (
          <View className='footer__inline'>
            <Text className='footer__error' id='health-error'>
              连接失败
            </Text>
            <Text className='footer__link' id='health-retry' onClick={() => health.refetch()}>
              重试
            </Text>
          </View>
        ) : (
          <View className='footer__inline'>
            <Text id='health-status'>{health.data.ok ? 'ok' : '异常'}</Text>
            <Text className='footer__sep'>·</Text>
            <Text id='health-db'>{health.data.db}</Text>
            <Text className='footer__sep'>·</Text>
            <Text id='health-version'>{health.data.version}</Text>
          </View>
        )}
      </View>
      <View className='footer__entries'>
        <Text
          className='footer__link'
          id='go-staff'
          onClick={() => Taro.navigateTo({ url: '/staff/pages/board/index' })}
        >
          员工看板
        </Text>
        <Text
          className='footer__link'
          id='go-owner'
          onClick={() => Taro.navigateTo({ url: '/owner/pages/dashboard/index' })}
        >
          老板报表
        </Text>
      </View>
    </View>
  )
}
