import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { Role } from '@/core/session'
import { sessionStore } from '@/stores/session'

/** Owner's sales dashboard (phone or desktop). Placeholder until the reports land. */
export default function Dashboard() {
  useLoad(() => sessionStore.getState().enter(Role.owner))
  return (
    <View className='page'>
      <Text className='page__title' id='page-title'>
        老板报表
      </Text>
      <Text className='note'>今日营业额、各渠道收入和待处理订单将在这里显示。</Text>
      <Button id='go-home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
        返回首页
      </Button>
    </View>
  )
}
