import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { useEvents } from '../../../../hooks/useCentre';
import { useFreshOnReturn } from '../../../../hooks/useFreshOnReturn';
import { useSession } from '../../../../hooks/useSession';
import { openEvent } from '../../components/centre-pages';
import { eventPhase } from '../../components/event-rules';
import { EventCard } from '../../components/parts';
import '../../components/centre.scss';

type Tab = 'coming' | 'mine' | 'past';
const tabs: Array<{ key: Tab; label: string }> = [
  { key: 'coming', label: '即将开始' },
  { key: 'mine', label: '我报名的' },
  { key: 'past', label: '已结束' },
];

/** The community's events: coming ones to sign up for, mine, and past ones (feedback and thanks). */
export default function EventsPage() {
  const { loggedIn } = useSession();
  const events = useEvents(loggedIn);
  const [tab, setTab] = useState<Tab>('coming');
  useFreshOnReturn(() => events.reload(), events.data !== undefined);

  const all = events.data ?? [];
  const shownEvents = all.filter((event) => {
    const phase = eventPhase(event);
    if (tab === 'mine') return event.mine !== null;
    if (tab === 'past') return phase === 'ended';
    return phase === 'upcoming' || phase === 'running';
  });
  if (tab === 'past') shownEvents.reverse();

  return (
    <PageShell className="lk-centre-events">
      <View className="lk-centre-chips lk-centre-actions">
        {tabs.map((item) => (
          <Text
            key={item.key}
            className={`lk-centre-chip e2e-events-tab-${item.key}${tab === item.key ? ' lk-centre-chip--on' : ''}`}
            onClick={() => setTab(item.key)}
          >
            {item.label}
          </Text>
        ))}
      </View>
      {!events.data && events.loading ? <ListSkeleton /> : null}
      {!events.data && events.error ? <ListError message={events.error} onRetry={() => void events.reload()} /> : null}
      {events.data && shownEvents.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-events-empty"
            title={tab === 'mine' ? '还没有报名活动' : tab === 'past' ? '最近没有结束的活动' : '近期没有活动'}
            description={
              tab === 'past' ? '参加过的活动结束后可以在这里评价和感谢' : '社区和兴趣小组组织的活动会显示在这里'
            }
          />
        </View>
      ) : null}
      {shownEvents.map((event) => (
        <EventCard key={event.id} event={event} onOpen={() => openEvent(event.id)} />
      ))}
    </PageShell>
  );
}
