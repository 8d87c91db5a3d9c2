import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BOOKING_PURPOSE_MAX, shanghaiDate, type GroupBookingResponse, type RoomView } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button, Input } from '../../../../components/nutui';
import { useAvailability } from '../../../../hooks/useAvailability';
import { useBookForGroup, useGroupDetail } from '../../../../hooks/useCentre';
import { useRooms } from '../../../../hooks/useRooms';
import { useSession } from '../../../../hooks/useSession';
import { dateText, durationText, gridCells, shanghaiClock, type GridCell } from '../../../../lib/bookings';
import { idParam } from '../../components/centre-pages';
import { BadLinkPage } from '../../components/parts';
import '../../components/centre.scss';

const DAY_MS = 24 * 3_600_000;
/** A season's first practice may be planned four weeks ahead (group bookings skip the personal book-ahead window). */
const FIRST_DATE_DAYS = 28;
const WEEKS_MAX = 26;
const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** Free and with enough notice: the window does not bind a group's season. */
const groupBookable = (cell: GridCell) => cell.state === 'free' && cell.blocked !== '来不及';

function days(now: Date): Array<{ date: string; label: string }> {
  return Array.from({ length: FIRST_DATE_DAYS }, (_, index) => {
    const date = shanghaiDate(new Date(now.getTime() + index * DAY_MS));
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const [, month, day] = date.split('-').map(Number);
    return { date, label: `${month}/${day} 周${weekdays[weekday]}` };
  });
}

function Result({ answer, onBack }: { answer: GroupBookingResponse; onBack(): void }) {
  return (
    <View className="lk-card e2e-group-book-result">
      <Text className="lk-card__title">{answer.created.length ? '预约已提交' : '没有约上'}</Text>
      {answer.created.length ? (
        <Text className="lk-centre-result e2e-group-book-created">
          {`已预约 ${answer.created.length} 次：${answer.created.map(dateText).join('、')}`}
        </Text>
      ) : null}
      {answer.bookings.some((booking) => booking.status === 'pending') ? (
        <Text className="lk-muted lk-centre-card__line">该活动室需要社区审批，批准后会通知您。</Text>
      ) : null}
      {answer.skipped.map((skip) => (
        <Text key={skip.date} className="lk-form-error lk-centre-card__line e2e-group-book-skipped">
          {`${dateText(skip.date)} 未约上：${skip.reason}`}
        </Text>
      ))}
      <Button className="lk-button-block e2e-group-book-back" type="primary" shape="round" block onClick={onBack}>
        回到小组
      </Button>
    </View>
  );
}

/** Leaders: a room for the group, once or every week for the season, within the group's weekly minutes. */
export default function GroupBookPage() {
  const router = useRouter();
  const groupId = idParam(router.params.groupId);
  const { loggedIn } = useSession();
  const group = useGroupDetail(groupId);
  const rooms = useRooms(loggedIn);
  const [room, setRoom] = useState<RoomView | null>(null);
  const dayList = useMemo(() => days(new Date()), []);
  const [date, setDate] = useState(dayList[1]?.date ?? dayList[0].date);
  const availability = useAvailability(room?.id ?? null, room ? date : null);
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const [weeks, setWeeks] = useState(1);
  const [purpose, setPurpose] = useState('');
  const [attendees, setAttendees] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<GroupBookingResponse | null>(null);
  const book = useBookForGroup();

  const cells = useMemo(
    () => (room && availability.data ? gridCells(room, date, availability.data.slots) : []),
    [room, date, availability.data],
  );

  const pick = (index: number) => {
    setProblem(null);
    if (!range || index < range.from || range.to !== range.from) return setRange({ from: index, to: index });
    setRange({ from: range.from, to: index });
  };

  const submit = async () => {
    if (!room || groupId === null) return setProblem('请选择活动室');
    if (!range) return setProblem('请在时段表里点开始和结束的时段');
    const picked = cells.slice(range.from, range.to + 1);
    if (picked.some((cell) => !groupBookable(cell))) return setProblem('所选时段中间有不可预约的时段，请重新选择');
    const minutes = (picked[picked.length - 1].endAt.getTime() - picked[0].startAt.getTime()) / 60_000;
    if (minutes > room.maxMinutes) return setProblem(`单次最长 ${durationText(room.maxMinutes)}，请缩短时段`);
    const count = Number(attendees);
    if (!Number.isInteger(count) || count < 1 || count > room.capacity)
      return setProblem(`人数请填 1–${room.capacity}`);
    if (purpose.trim().length < 2) return setProblem('请写明用途，如：合唱团练习');
    setProblem(null);
    const result = await book.run(groupId, {
      roomId: room.id,
      startAt: picked[0].startAt.toISOString(),
      endAt: picked[picked.length - 1].endAt.toISOString(),
      purpose: purpose.trim(),
      attendees: count,
      weeks,
    });
    if (result) setAnswer(result);
  };

  if (groupId === null) {
    return <BadLinkPage what="小组" />;
  }
  if (answer) {
    return (
      <PageShell className="lk-centre-book">
        <Result answer={answer} onBack={() => void Taro.navigateBack()} />
      </PageShell>
    );
  }

  const picked = range ? cells.slice(range.from, range.to + 1) : [];
  return (
    <PageShell className="lk-centre-book">
      {group.data ? (
        <View className="lk-card">
          <Text className="lk-card__title">{group.data.name}</Text>
          <Text className="lk-muted">
            {`每周可用 ${durationText(group.data.weeklyQuotaMinutes)}，本周已用 ${durationText(group.data.weekMinutesUsed ?? 0)}。小组预约不占用您个人的预约次数。`}
          </Text>
        </View>
      ) : null}
      {group.error ? <Text className="lk-form-error">{group.error}</Text> : null}

      <View className="lk-card">
        <Text className="lk-card__title">选择活动室</Text>
        {rooms.loading ? <ListSkeleton rows={1} /> : null}
        {rooms.error ? <ListError message={rooms.error} onRetry={() => void rooms.refresh()} /> : null}
        {rooms.loaded && !rooms.items.length ? <EmptyState title="社区还没有开放的活动室" /> : null}
        <View className="lk-centre-chips">
          {rooms.items
            .filter((item) => item.active)
            .map((item) => (
              <Text
                key={item.id}
                className={`lk-centre-chip e2e-group-book-room-${item.id}${room?.id === item.id ? ' lk-centre-chip--on' : ''}`}
                onClick={() => {
                  setRoom(item);
                  setRange(null);
                }}
              >
                {`${item.name}（${item.capacity} 人）`}
              </Text>
            ))}
        </View>
      </View>

      {room ? (
        <View className="lk-card">
          <Text className="lk-card__title">第一次的日期和时段</Text>
          <View className="lk-centre-chips">
            {dayList.map((day) => (
              <Text
                key={day.date}
                className={`lk-centre-chip e2e-group-book-day-${day.date}${day.date === date ? ' lk-centre-chip--on' : ''}`}
                onClick={() => {
                  setDate(day.date);
                  setRange(null);
                }}
              >
                {day.label}
              </Text>
            ))}
          </View>
          <Text className="lk-centre-label">{`${dateText(date)}：先点开始时段，再点结束时段`}</Text>
          {availability.loading ? <ListSkeleton rows={1} /> : null}
          {availability.error ? (
            <ListError message={availability.error} onRetry={() => void availability.reload()} />
          ) : null}
          {availability.data && !cells.length ? <EmptyState title="这天不开放" /> : null}
          <View className="lk-centre-slots">
            {cells.map((cell, index) => {
              const on = range !== null && index >= range.from && index <= range.to;
              const open = groupBookable(cell);
              return (
                <View
                  key={cell.clock}
                  className={`lk-centre-slot e2e-group-book-slot-${cell.clock.replace(':', '')}${on ? ' lk-centre-slot--on' : ''}${open ? '' : ' lk-centre-slot--off'}`}
                  onClick={open ? () => pick(index) : undefined}
                >
                  <Text>{cell.clock}</Text>
                  <Text>
                    {open
                      ? '可约'
                      : cell.state === 'free'
                        ? (cell.blocked ?? '')
                        : cell.state === 'taken'
                          ? '已约'
                          : '不可约'}
                  </Text>
                </View>
              );
            })}
          </View>
          {picked.length ? (
            <Text className="lk-centre-result e2e-group-book-picked">
              {`${dateText(date)} ${shanghaiClock(picked[0].startAt)}–${shanghaiClock(picked[picked.length - 1].endAt, true)}`}
            </Text>
          ) : null}

          <Text className="lk-centre-label">每周重复</Text>
          <View className="lk-centre-stepper">
            <Text
              className="lk-centre-stepper__button e2e-group-book-weeks-minus"
              onClick={() => setWeeks(Math.max(1, weeks - 1))}
            >
              −
            </Text>
            <Text className="e2e-group-book-weeks">{weeks === 1 ? '只约这一次' : `连续 ${weeks} 周`}</Text>
            <Text
              className="lk-centre-stepper__button e2e-group-book-weeks-plus"
              onClick={() => setWeeks(Math.min(WEEKS_MAX, weeks + 1))}
            >
              +
            </Text>
          </View>
          <Text className="lk-centre-label">用途</Text>
          <Input
            className="lk-centre-input e2e-group-book-purpose"
            placeholder="如：合唱团练习"
            maxLength={BOOKING_PURPOSE_MAX}
            value={purpose}
            onChange={setPurpose}
          />
          <Text className="lk-centre-label">人数</Text>
          <Input
            className="lk-centre-input e2e-group-book-attendees"
            type="number"
            placeholder={`1–${room.capacity}`}
            value={attendees}
            onChange={setAttendees}
          />
          {problem ? <Text className="lk-form-error e2e-group-book-problem">{problem}</Text> : null}
          {book.error ? <Text className="lk-form-error e2e-group-book-error">{book.error}</Text> : null}
          <Button
            className="lk-button-block e2e-group-book-submit"
            type="primary"
            shape="round"
            block
            loading={book.busy}
            disabled={book.busy}
            onClick={() => void submit()}
          >
            {weeks === 1 ? '提交预约' : `预约 ${weeks} 周`}
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
