import { Text, View } from '@tarojs/components'
import { PageShell } from '../../components/page-shell'
import { EmptyState } from '../../components/empty-state'

export default function VolunteerPage() {
  return (
    <PageShell className='lk-volunteer'>
      <View className='lk-card'>
        <Text className='lk-card__title'>志愿活动</Text>
        <EmptyState
          className='e2e-coming-soon'
          title='即将开放'
          description='志愿活动报名、扫码签到和服务时长记录正在准备中。'
        />
      </View>
    </PageShell>
  )
}
