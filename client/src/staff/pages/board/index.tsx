import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { Role } from '@/core/session'
import { sessionStore } from '@/stores/session'

/** Staff order board (tablet, h5). Placeholder until the order stream lands. */
export default function Board() {
  useLoad(() => sessionStore.getState().enter(Role.staff))
  return (
    <View className='page'>
      <Text className='page__title' id='page-title'>
        员工看板
      </Text>
      <Text className='note'>所有渠道的订单将在这里按顺序显示。</Text>
      <Button id='go-home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
        返回首页
      </Button>
    </View>
  )
}
