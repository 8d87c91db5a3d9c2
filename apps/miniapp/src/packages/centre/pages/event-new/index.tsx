import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import {
  EVENT_CAPACITY_MAX,
  EVENT_PLACE_MAX,
  EVENT_TITLE_MAX,
  shanghaiDate,
  type CreateEventRequest,
} from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button, Input, Switch } from '../../../../components/nutui';
import { useCreateEvent, useGroupDetail } from '../../../../hooks/useCentre';
import { bookingTimeText } from '../../../../lib/bookings';
import { centrePages, idParam } from '../../components/centre-pages';
import { BadLinkPage } from '../../components/parts';
import '../../components/centre.scss';

const DAY_MS = 24 * 3_600_000;

/** 'YYYY-MM-DD' + 'HH:mm' in Asia/Shanghai → ISO with the offset the server reads. */
const localIso = (date: string, clock: string) => `${date}T${clock}:00+08:00`;

/** A leader organises an event for the group: in one of its room bookings, or at a place they name. */
export default function NewEventPage() {
  const router = useRouter();
  const groupId = idParam(router.params.groupId);
  const group = useGroupDetail(groupId);
  const create = useCreateEvent();
  const [title, setTitle] = useState('');
  const [bookingId, setBookingId] = useState<number | null>(null);
  const [date, setDate] = useState(() => shanghaiDate(new Date(Date.now() + DAY_MS)));
  const [start, setStart] = useState('14:00');
  const [end, setEnd] = useState('16:00');
  const [place, setPlace] = useState('');
  const [capacity, setCapacity] = useState('20');
  const [membersOnly, setMembersOnly] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const now = new Date();
  const bookings = (group.data?.calendar ?? []).filter(
    (entry) => entry.kind === 'booking' && new Date(entry.startAt) > now,
  );
  const chosen = bookings.find((entry) => entry.id === bookingId) ?? null;

  const submit = async () => {
    if (groupId === null) return;
    const count = Number(capacity);
    if (!title.trim()) return setProblem('请填写活动名称');
    if (!Number.isInteger(count) || count < 1 || count > EVENT_CAPACITY_MAX)
      return setProblem(`名额请填 1–${EVENT_CAPACITY_MAX}`);
    let times: Pick<CreateEventRequest, 'startAt' | 'endAt'>;
    if (chosen) times = { startAt: chosen.startAt, endAt: chosen.endAt };
    else {
      if (!place.trim()) return setProblem('请选择一个小组预约，或填写地点');
      if (end <= start) return setProblem('结束时间须晚于开始时间');
      times = { startAt: localIso(date, start), endAt: localIso(date, end) };
      if (new Date(times.startAt) <= now) return setProblem('开始时间须在将来');
    }
    setProblem(null);
    const event = await create.run({
      title: title.trim(),
      ...times,
      ...(chosen ? { bookingId: chosen.id } : { place: place.trim() }),
      capacity: count,
      groupId,
      membersOnly,
    });
    if (event) {
      void Taro.showToast({ title: '活动已发布', icon: 'success' });
      void Taro.redirectTo({ url: `${centrePages.event}?id=${event.id}` });
    }
  };

  if (groupId === null) {
    return <BadLinkPage what="小组" />;
  }
  return (
    <PageShell className="lk-centre-event-new">
      {group.loading && !group.data ? <ListSkeleton rows={1} /> : null}
      {group.error && !group.data ? <ListError message={group.error} onRetry={() => void group.reload()} /> : null}
      {group.data ? (
        <View className="lk-card">
          <Text className="lk-muted">{`${group.data.name} 主办。邻居报名满额后排候补，有人取消按顺序递补。`}</Text>
          <Text className="lk-centre-label">活动名称</Text>
          <Input
            className="lk-centre-input e2e-event-new-title"
            placeholder="如：冬至包饺子联欢"
            maxLength={EVENT_TITLE_MAX}
            value={title}
            onChange={setTitle}
          />

          <Text className="lk-centre-label">时间和地点</Text>
          {bookings.length ? (
            <View className="lk-centre-chips">
              {bookings.map((entry) => (
                <Text
                  key={entry.id}
                  className={`lk-centre-chip e2e-event-new-booking-${entry.id}${bookingId === entry.id ? ' lk-centre-chip--on' : ''}`}
                  onClick={() => setBookingId(bookingId === entry.id ? null : entry.id)}
                >
                  {`${bookingTimeText(entry.startAt, entry.endAt)} ${entry.place}`}
                </Text>
              ))}
            </View>
          ) : (
            <Text className="lk-muted">小组还没有预约活动室，可以填写其他地点。</Text>
          )}
          {!chosen ? (
            <>
              <Picker mode="date" value={date} start={shanghaiDate(now)} onChange={(e) => setDate(e.detail.value)}>
                <View className="lk-centre-picker lk-centre-label">
                  <Text>{`日期：${date}`}</Text>
                  <Text className="lk-muted">选择 ›</Text>
                </View>
              </Picker>
              <Picker mode="time" value={start} onChange={(e) => setStart(e.detail.value)}>
                <View className="lk-centre-picker">
                  <Text>{`开始：${start}`}</Text>
                  <Text className="lk-muted">选择 ›</Text>
                </View>
              </Picker>
              <Picker mode="time" value={end} onChange={(e) => setEnd(e.detail.value)}>
                <View className="lk-centre-picker">
                  <Text>{`结束：${end}`}</Text>
                  <Text className="lk-muted">选择 ›</Text>
                </View>
              </Picker>
              <Input
                className="lk-centre-input e2e-event-new-place"
                placeholder="地点，如：社区广场"
                maxLength={EVENT_PLACE_MAX}
                value={place}
                onChange={setPlace}
              />
            </>
          ) : null}

          <Text className="lk-centre-label">名额</Text>
          <Input
            className="lk-centre-input e2e-event-new-capacity"
            type="number"
            value={capacity}
            onChange={setCapacity}
          />
          <View className="lk-centre-list__item">
            <Text>仅限小组成员参加</Text>
            <Switch checked={membersOnly} onChange={(value) => setMembersOnly(value)} />
          </View>
          {problem ? <Text className="lk-form-error e2e-event-new-problem">{problem}</Text> : null}
          {create.error ? <Text className="lk-form-error e2e-event-new-error">{create.error}</Text> : null}
          <Button
            className="lk-button-block e2e-event-new-submit"
            type="primary"
            shape="round"
            block
            loading={create.busy}
            disabled={create.busy}
            onClick={() => void submit()}
          >
            发布活动
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
