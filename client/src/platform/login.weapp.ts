import Taro from '@tarojs/taro'

export async function loginCode(): Promise<string> {
  const res = await Taro.login()
  if (!res.code) throw new Error(`wx.login failed: ${res.errMsg}`)
  return res.code
}
