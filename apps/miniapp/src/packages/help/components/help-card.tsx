import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { helpRequestStatusLabels, minutesToHours, type HelpRequestView } from '@linli/shared-types';
import { helpPages } from '../../../services/help';
import { kindText, whenText } from './help-format';

/** One help request in a list: kind, title, when and where, the hours offered, its state in words. */
export function HelpCard({ request, note }: { request: HelpRequestView; note?: string }) {
  return (
    <View
      className={`lk-card lk-help-card e2e-help-card e2e-help-card-${request.id}`}
      onClick={() => void Taro.navigateTo({ url: `${helpPages.detail}?id=${request.id}` })}
    >
      <View className="lk-help-card__head">
        <Text className="lk-help-kind">{kindText(request.kind)}</Text>
        <Text className={`lk-help-status lk-help-status--${request.status} e2e-help-status`}>
          {helpRequestStatusLabels[request.status]}
        </Text>
      </View>
      <Text className="lk-help-card__title e2e-help-title">{request.title}</Text>
      <Text className="lk-help-card__line">{whenText(request.startAt, request.minutes)}</Text>
      <Text className="lk-help-card__line">地点：{request.place}</Text>
      <View className="lk-help-card__foot">
        <Text className="lk-help-reward">酬谢 {minutesToHours(request.rewardMinutes)}</Text>
        <Text className="lk-muted">
          {note ?? `${request.poster.name} 发布${request.offerCount ? ` · ${request.offerCount} 人报名` : ''}`}
        </Text>
      </View>
    </View>
  );
}
