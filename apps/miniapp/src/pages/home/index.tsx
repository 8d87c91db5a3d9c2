import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../components/page-shell'
import { EmptyState } from '../../components/empty-state'
import { Button } from '../../components/nutui'
import { useMe } from '../../hooks/useMe'
import { routes } from '../../routes'
import './index.scss'

export default function HomePage() {
  const { user, error, refresh } = useMe()

  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })

  const name = user?.name || '邻居'
  const pending = user?.status === 'pending'

  return (
    <PageShell className='lk-home'>
      <View className='lk-home__hero e2e-home-greeting'>
        <Text className='lk-home__hello'>{`您好，${name}`}</Text>
        <Text className='lk-home__community e2e-home-community'>{user?.community?.name ?? ''}</Text>
      </View>

      {error ? <Text className='lk-form-error'>{error}</Text> : null}

      {pending ? (
        <View className='lk-card lk-home__verify'>
          <Text className='lk-card__title'>完成住户认证</Text>
          <Text className='lk-muted'>填写楼栋、单元和房号，社区工作人员核实后即可预约活动室、报名志愿活动。</Text>
          <Button
            className='lk-button-block'
            type='primary'
            shape='round'
            onClick={() => Taro.switchTab({ url: routes.me })}
          >
            去填写
          </Button>
        </View>
      ) : null}

      <View className='lk-card e2e-home-notices'>
        <Text className='lk-card__title'>社区公告</Text>
        <EmptyState className='e2e-home-notices-empty' title='暂无公告' description='社区发布的通知会显示在这里' />
      </View>
    </PageShell>
  )
}
