import { Text, View } from '@tarojs/components'
import { PageShell } from '../../components/page-shell'
import { EmptyState } from '../../components/empty-state'

export default function BookingsPage() {
  return (
    <PageShell className='lk-bookings'>
      <View className='lk-card'>
        <Text className='lk-card__title'>活动中心预约</Text>
        <EmptyState
          className='e2e-coming-soon'
          title='即将开放'
          description='活动室在线预约功能正在准备中，开放后可在这里查看空闲时段并预约。'
        />
      </View>
    </PageShell>
  )
}
