import { Text, View } from '@tarojs/components';
import { requestEventLabels, type RequestEventView } from '@linli/shared-types';
import { formatShanghaiTime } from '../../../lib/time';
import { PhotoRow } from './parts';

const roleWords: Record<'resident' | 'staff' | 'admin', string> = {
  resident: '',
  staff: '社区工作人员',
  admin: '街道',
};

/** Who did a step, in the words a resident uses: 社区工作人员 王芳, 您, 系统. */
function actorText(event: RequestEventView, mine: boolean): string {
  if (!event.actor) return '系统';
  if (event.actor.role === 'resident') return mine ? '您' : '居民';
  return `${roleWords[event.actor.role]} ${event.actor.name ?? ''}`.trim();
}

/** Every step, newest first, so what happened last is what the resident sees first. */
export function RequestTimeline({ events, mine }: { events: RequestEventView[]; mine: boolean }) {
  const steps = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <View className="lk-req-timeline e2e-request-timeline">
      {steps.map((event, index) => (
        <View
          key={event.id}
          className={`lk-req-step e2e-request-step e2e-request-step-${event.kind}${index === 0 ? ' lk-req-step--latest' : ''}`}
        >
          <View className="lk-req-step__dot" />
          <View className="lk-req-step__body">
            <View className="lk-req-step__head">
              <Text className="lk-req-step__kind">{requestEventLabels[event.kind]}</Text>
              <Text className="lk-muted">{formatShanghaiTime(event.at)}</Text>
            </View>
            <Text className="lk-muted lk-req-step__actor">{actorText(event, mine)}</Text>
            {event.note ? <Text className="lk-req-step__note">{event.note}</Text> : null}
            <PhotoRow photos={event.photos} />
          </View>
        </View>
      ))}
    </View>
  );
}
