import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { BOOKING_PURPOSE_MAX } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button, Input } from '../../../../components/nutui';
import { useSession } from '../../../../hooks/useSession';
import { useRoom } from '../../../../hooks/useRooms';
import { useAvailability } from '../../../../hooks/useAvailability';
import {
  checkBookingDraft,
  useCreateBooking,
  type BookingDraft,
  type BookingField,
} from '../../../../hooks/useCreateBooking';
import {
  bookingDays,
  bookingTimeText,
  cellBookable,
  dateText,
  durationText,
  gridCells,
  rangeProblem,
  shanghaiClock,
  slotStateText,
  type GridCell,
  type SlotRange,
} from '../../../../lib/bookings';
import { routes } from '../../../../routes';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import '../../components/booking.scss';
import './index.scss';

function cellLabel(cell: GridCell, picked: boolean): string {
  if (picked) return '已选';
  if (cell.blocked) return cell.blocked;
  return slotStateText[cell.state];
}

function NotVerified() {
  return (
    <View className="lk-card lk-blocked e2e-booking-not-verified">
      <Text className="lk-blocked__title">请先完成住户认证</Text>
      <Text className="lk-blocked__text">
        活动室预约只对已认证的住户开放。请在“我的”页面填写住址，社区工作人员核实后即可预约。
      </Text>
      <Button
        className="lk-button-block"
        type="primary"
        shape="round"
        block
        onClick={() => void Taro.switchTab({ url: routes.me })}
      >
        去“我的”填写住址
      </Button>
    </View>
  );
}

export default function RoomBookingPage() {
  const router = useRouter();
  const id = /^\d+$/.test(router.params.id ?? '') ? Number(router.params.id) : null;
  const { user } = useSession();
  const pending = user?.status === 'pending';
  const roomData = useRoom(id);
  const room = roomData.data;
  const days = useMemo(() => (room ? bookingDays(room) : []), [room]);
  const [chosenDate, setDate] = useState<string | null>(null);
  // The chosen day while it is bookable, else the first bookable day.
  const date = chosenDate && days.some((day) => day.date === chosenDate) ? chosenDate : (days[0]?.date ?? null);
  const availability = useAvailability(room && !pending ? room.id : null, date);
  const cells = useMemo(
    () => (room && date && availability.data?.date === date ? gridCells(room, date, availability.data.slots) : []),
    [room, date, availability.data],
  );
  const [range, setRange] = useState<SlotRange | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [draft, setDraft] = useState<BookingDraft>({ purpose: '', attendees: '' });
  const [problems, setProblems] = useState<Partial<Record<BookingField, string>>>({});
  // A slot someone else just took: show the fresh grid and let the resident choose again.
  const booking = useCreateBooking(room, (code) => {
    if (code === 'BOOKING_SLOT_TAKEN' || code === 'BOOKING_CLOSED') {
      setRange(null);
      void availability.reload();
    }
  });

  // Another day starts a new choice (adjusted while rendering, as React advises, rather than in an effect).
  const [rangeDate, setRangeDate] = useState(date);
  if (rangeDate !== date) {
    setRangeDate(date);
    setRange(null);
    setHint(null);
  }

  if (id === null) {
    return (
      <PageShell className="lk-room-page">
        <ListError message="找不到该活动室" onRetry={() => void Taro.navigateBack()} />
      </PageShell>
    );
  }

  if (!room) {
    return (
      <PageShell className="lk-room-page">
        {roomData.loading ? <ListSkeleton rows={2} /> : null}
        {roomData.error ? <ListError message={roomData.error} onRetry={() => void roomData.reload()} /> : null}
      </PageShell>
    );
  }

  if (pending) {
    return (
      <PageShell className="lk-room-page">
        <View className="lk-card">
          <Text className="lk-room-page__name">{room.name}</Text>
          <Text className="lk-room-page__line">{`可容纳 ${room.capacity} 人 · 开放 ${room.openTime}–${room.closeTime}`}</Text>
        </View>
        <NotVerified />
      </PageShell>
    );
  }

  const tap = (index: number) => {
    const cell = cells[index];
    setHint(null);
    if (!cellBookable(cell)) {
      setHint(
        cell.blocked === '来不及'
          ? `需至少提前 ${durationText(room.minNoticeMinutes)}预约，这个时段来不及了`
          : cell.blocked === '未开放'
            ? `只能预约 ${room.bookAheadDays} 天以内的时段`
            : `${cell.clock} ${slotStateText[cell.state]}，不能预约`,
      );
      return;
    }
    // First tap: the start. A later tap on or after it: the end (contiguous, within the longest booking).
    if (!range || range.from !== range.to || index < range.from) {
      setRange({ from: index, to: index });
      return;
    }
    if (index === range.from) {
      setRange(null);
      return;
    }
    const problem = rangeProblem(room, cells, { from: range.from, to: index });
    if (problem) {
      setHint(problem);
      setRange({ from: index, to: index });
      return;
    }
    setRange({ from: range.from, to: index });
  };

  const picked = range ? { start: cells[range.from], end: cells[range.to] } : null;
  const pickedMinutes = picked ? (picked.end.endAt.getTime() - picked.start.startAt.getTime()) / 60_000 : 0;

  const submit = () => {
    const found = checkBookingDraft(draft, room);
    setProblems(found);
    if (!range || !picked) {
      setHint('请先在上面选择时段：点开始时段，再点结束时段');
      return;
    }
    const problem = rangeProblem(room, cells, range);
    if (problem) {
      setHint(problem);
      return;
    }
    if (Object.keys(found).length) return;
    booking.ask({
      roomId: room.id,
      startAt: picked.start.startAt.toISOString(),
      endAt: picked.end.endAt.toISOString(),
      purpose: draft.purpose.trim(),
      attendees: Number(draft.attendees.trim()),
    });
  };

  const change = (field: BookingField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined }));
  };

  const done = booking.result;
  if (done) {
    const approved = done.status === 'approved';
    return (
      <PageShell className="lk-room-page">
        <View className="lk-card lk-done e2e-booking-done">
          <Text className="lk-done__mark">✓</Text>
          <Text className="lk-done__title e2e-booking-done-status">
            {approved ? '预约成功（已批准）' : '已提交，待审批'}
          </Text>
          <Text className="lk-done__text">{done.room.name}</Text>
          <Text className="lk-done__text">{bookingTimeText(done.startAt, done.endAt)}</Text>
          <Text className="lk-done__text lk-muted">
            {approved
              ? '请按时到场，开始前 15 分钟至开始后 15 分钟内扫门口二维码签到'
              : '社区工作人员审批后会通知您，可在“我的预约”查看'}
          </Text>
          <Button
            className="lk-button-block e2e-booking-to-mine"
            type="primary"
            shape="round"
            block
            onClick={() => void Taro.redirectTo({ url: routes.myBookings })}
          >
            查看我的预约
          </Button>
          <Button
            className="lk-button-block e2e-booking-again"
            type="primary"
            fill="outline"
            shape="round"
            block
            onClick={() => {
              booking.reset();
              setRange(null);
              setDraft({ purpose: '', attendees: '' });
              void availability.reload();
            }}
          >
            再约一个时段
          </Button>
        </View>
      </PageShell>
    );
  }

  const confirming = booking.confirming;

  return (
    <PageShell className="lk-room-page">
      <View className="lk-card">
        <View className="lk-room-page__head">
          <Text className="lk-room-page__name">{room.name}</Text>
          {room.requiresApproval ? <Text className="lk-room-page__tag">需审批</Text> : null}
        </View>
        <Text className="lk-room-page__line">{`可容纳 ${room.capacity} 人 · 开放 ${room.openTime}–${room.closeTime}`}</Text>
        <Text className="lk-room-page__line lk-muted">
          {`每格 ${room.slotMinutes} 分钟，每次最长 ${durationText(room.maxMinutes)}，需提前 ${durationText(room.minNoticeMinutes)}预约`}
        </Text>
        {room.description ? <Text className="lk-room-page__line lk-muted">{room.description}</Text> : null}
      </View>

      <View className="lk-card">
        <Text className="lk-card__title">1. 选日期</Text>
        <ScrollView scrollX className="lk-days" enhanced showScrollbar={false}>
          <View className="lk-days__row">
            {days.map((day) => (
              <View
                key={day.date}
                className={`lk-day e2e-day-${day.date}${day.date === date ? ' lk-day--on' : ''}`}
                onClick={() => setDate(day.date)}
              >
                <Text className="lk-day__label">{day.label}</Text>
                <Text className="lk-day__date">{day.short}</Text>
              </View>
            ))}
          </View>
        </ScrollView>
      </View>

      <View className="lk-card">
        <Text className="lk-card__title">2. 选时段</Text>
        <Text className="lk-muted lk-slots__help">先点开始时段，再点结束时段（可只选一格）</Text>
        <View className="lk-slots__legend">
          <Text className="lk-slot-key lk-slot-key--free">可约</Text>
          <Text className="lk-slot-key lk-slot-key--picked">已选</Text>
          <Text className="lk-slot-key lk-slot-key--taken">已约</Text>
          <Text className="lk-slot-key lk-slot-key--closed">闭馆</Text>
          <Text className="lk-slot-key lk-slot-key--past">已过</Text>
        </View>
        {availability.loading && !cells.length ? (
          <Text className="lk-muted e2e-slots-loading">正在读取时段…</Text>
        ) : null}
        {availability.error ? (
          <ListError
            className="e2e-slots-error"
            message={availability.error}
            onRetry={() => void availability.reload()}
          />
        ) : null}
        {!availability.loading && !availability.error && availability.data && !cells.length ? (
          <Text className="lk-muted e2e-slots-empty">这一天没有可预约的时段</Text>
        ) : null}
        {cells.length && !cells.some(cellBookable) ? (
          <Text className="lk-muted lk-slots__none e2e-slots-none">这一天已没有可预约的时段，请选择其他日期</Text>
        ) : null}
        <View className="lk-slots e2e-slots">
          {cells.map((cell, index) => {
            const on = range !== null && index >= range.from && index <= range.to;
            const look = on ? 'picked' : cell.blocked ? 'past' : cell.state;
            return (
              <View
                key={cell.clock}
                className={`lk-slot lk-slot--${look} e2e-slot-${cell.clock} e2e-slot-${cell.state}${on ? ' e2e-slot-picked' : ''}`}
                onClick={() => tap(index)}
              >
                <Text className="lk-slot__time">{cell.clock}</Text>
                <Text className="lk-slot__state">{cellLabel(cell, on)}</Text>
              </View>
            );
          })}
        </View>
        {picked && date ? (
          <Text className="lk-slots__picked e2e-booking-range">
            {`已选 ${dateText(date)} ${shanghaiClock(picked.start.startAt)}–${shanghaiClock(picked.end.endAt, true)}，共 ${durationText(pickedMinutes)}`}
          </Text>
        ) : null}
        {hint ? <Text className="lk-form-error e2e-slot-hint">{hint}</Text> : null}
      </View>

      <View className="lk-card">
        <Text className="lk-card__title">3. 填写用途和人数</Text>
        <Text className="lk-room-page__label">用途</Text>
        <Input
          className="lk-room-page__input e2e-booking-purpose"
          placeholder="如：书法兴趣小组练习"
          maxLength={BOOKING_PURPOSE_MAX}
          value={draft.purpose}
          onChange={(value) => change('purpose', value)}
        />
        <Text className="lk-muted lk-room-page__count">{`${draft.purpose.trim().length}/${BOOKING_PURPOSE_MAX} 字`}</Text>
        {problems.purpose ? <Text className="lk-form-error e2e-booking-purpose-error">{problems.purpose}</Text> : null}

        <Text className="lk-room-page__label">{`参加人数（1–${room.capacity} 人）`}</Text>
        <Input
          className="lk-room-page__input e2e-booking-attendees"
          type="number"
          placeholder={`最多 ${room.capacity} 人`}
          maxLength={4}
          value={draft.attendees}
          onChange={(value) => change('attendees', value.replace(/\D/g, ''))}
        />
        {problems.attendees ? (
          <Text className="lk-form-error e2e-booking-attendees-error">{problems.attendees}</Text>
        ) : null}

        {booking.error ? <Text className="lk-form-error e2e-booking-error">{booking.error}</Text> : null}
        <Button
          className="lk-button-block e2e-booking-submit"
          type="primary"
          shape="round"
          block
          disabled={booking.submitting}
          onClick={submit}
        >
          预约
        </Button>
      </View>

      {confirming && picked ? (
        <ConfirmDialog
          title="确认预约"
          confirmText="确认预约"
          confirmClassName="e2e-booking-confirm"
          busy={booking.submitting}
          onConfirm={() => void booking.confirm()}
          onCancel={booking.cancel}
        >
          <Text className="lk-dialog__big">{room.name}</Text>
          <Text className="lk-dialog__row e2e-booking-confirm-time">
            {bookingTimeText(confirming.startAt, confirming.endAt)}
          </Text>
          <Text className="lk-dialog__row">{`用途：${confirming.purpose}`}</Text>
          <Text className="lk-dialog__row">{`人数：${confirming.attendees} 人`}</Text>
          <Text className="lk-dialog__row lk-muted e2e-booking-confirm-approval">
            {room.requiresApproval ? '该活动室需社区审批，提交后为“待审批”' : '无需审批，提交后即预约成功'}
          </Text>
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
