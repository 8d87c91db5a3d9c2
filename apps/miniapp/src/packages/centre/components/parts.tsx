import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { groupKindLabels, groupStatusLabels, type EventView, type GroupView } from '@linli/shared-types';
import { ListError } from '../../../components/list-state';
import { PageShell } from '../../../components/page-shell';
import { bookingTimeText } from '../../../lib/bookings';
import { eventPhase, eventPhaseText, mySignupText, placesText } from './event-rules';

/** A group in a list: kind and state in words, then who and how many. */
export function GroupCard({ group, onOpen }: { group: GroupView; onOpen(): void }) {
  return (
    <View className={`lk-card lk-centre-card e2e-group-card e2e-group-card-${group.id}`} onClick={onOpen}>
      <View className="lk-centre-card__tags">
        <Text className="lk-mark">{groupKindLabels[group.kind]}</Text>
        {group.status !== 'approved' ? (
          <Text className={`lk-mark lk-centre-status--${group.status} e2e-group-status`}>
            {groupStatusLabels[group.status]}
          </Text>
        ) : null}
        {group.myRole === 'leader' ? <Text className="lk-mark lk-mark--pinned">我是负责人</Text> : null}
        {group.myRole === 'member' ? <Text className="lk-mark lk-mark--acked">已加入</Text> : null}
      </View>
      <Text className="lk-centre-card__title">{group.name}</Text>
      {group.description ? <Text className="lk-muted lk-centre-card__text">{group.description}</Text> : null}
      <Text className="lk-muted lk-centre-card__line">
        {group.memberCap ? `${group.memberCount}/${group.memberCap} 人` : `${group.memberCount} 人`}
      </Text>
    </View>
  );
}

/** An event in a list: when, where, places, and my place in it. */
export function EventCard({ event, onOpen }: { event: EventView; onOpen(): void }) {
  const phase = eventPhase(event);
  const mine = mySignupText(event);
  return (
    <View className={`lk-card lk-centre-card e2e-event-card e2e-event-card-${event.id}`} onClick={onOpen}>
      <View className="lk-centre-card__tags">
        <Text className={`lk-mark lk-centre-phase--${phase}`}>{eventPhaseText[phase]}</Text>
        <Text className="lk-mark">{groupKindLabels[event.kind]}</Text>
        {event.membersOnly ? <Text className="lk-mark">仅限成员</Text> : null}
        {mine ? <Text className="lk-mark lk-mark--acked e2e-event-mine">{mine}</Text> : null}
      </View>
      <Text className="lk-centre-card__title">{event.title}</Text>
      <Text className="lk-centre-card__line">{bookingTimeText(event.startAt, event.endAt)}</Text>
      <Text className="lk-muted lk-centre-card__line">{`${event.place} · ${placesText(event)}`}</Text>
      {event.group ? <Text className="lk-muted lk-centre-card__line">{`${event.group.name} 主办`}</Text> : null}
    </View>
  );
}

/** A link without a usable id (an old share, a typo): say so, and offer the way back. */
export function BadLinkPage({ what }: { what: string }) {
  return (
    <PageShell>
      <ListError message={`链接有误，找不到该${what}`} onRetry={() => void Taro.navigateBack()} />
    </PageShell>
  );
}
