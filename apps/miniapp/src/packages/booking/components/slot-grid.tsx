import { Text, View } from '@tarojs/components';
import type { RoomAvailability } from '@linli/shared-types';
import { ListError } from '../../../components/list-state';
import type { RemoteData } from '../../../hooks/useRemoteData';
import {
  cellBookable,
  dateText,
  durationText,
  holdText,
  rangeProblem,
  shanghaiClock,
  type GridCell,
  type SlotRange,
} from '../../../lib/bookings';
import type { RoomView } from '@linli/shared-types';
import { cellLabel } from '../lib/slot-pick';

interface SlotGridProps {
  room: RoomView;
  date: string | null;
  cells: GridCell[];
  availability: RemoteData<RoomAvailability>;
  range: SlotRange | null;
  /** A start is picked and the next tap is the end time. */
  choosingEnd: boolean;
  picked: { start: GridCell; end: GridCell } | null;
  pickedMinutes: number;
  hint: string | null;
  onTap: (index: number) => void;
}

/** 2. 选时段: the day's grid with its loading, error and empty states, the picked range and the hint. */
export function SlotGrid(props: SlotGridProps) {
  const { room, date, cells, availability, range, choosingEnd, picked, pickedMinutes, hint, onTap } = props;
  // While choosing the end, each later time that would make a bookable range says so ("到此结束").
  const endable = (index: number) =>
    choosingEnd &&
    range !== null &&
    index > range.from &&
    !rangeProblem(room, cells, { from: range.from, to: index - 1 });
  const closing = cells.length ? shanghaiClock(cells[cells.length - 1].endAt, true) : null;
  return (
    <View className="lk-card">
      <Text className="lk-card__title">2. 选时段</Text>
      <Text className="lk-muted lk-slots__help">
        先点开始时间，再点结束时间：点 09:00 再点 10:00，就是 09:00–10:00（只约一格可不点结束）
      </Text>
      <View className="lk-slots__legend">
        <Text className="lk-slot-key lk-slot-key--free">可约</Text>
        <Text className="lk-slot-key lk-slot-key--picked">已选</Text>
        <Text className="lk-slot-key lk-slot-key--taken">已约</Text>
        <Text className="lk-slot-key lk-slot-key--closed">闭馆</Text>
        <Text className="lk-slot-key lk-slot-key--past">已过</Text>
      </View>
      {availability.loading && !cells.length ? <Text className="lk-muted e2e-slots-loading">正在读取时段…</Text> : null}
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
          const end = !on && endable(index);
          const look = on ? 'picked' : end ? 'end' : cell.blocked ? 'past' : cell.state;
          return (
            <View
              key={cell.clock}
              className={`lk-slot lk-slot--${look} e2e-slot-${cell.clock} e2e-slot-${cell.state}${on ? ' e2e-slot-picked' : ''}`}
              onClick={() => onTap(index)}
            >
              <Text className="lk-slot__time">{cell.clock}</Text>
              <Text className="lk-slot__state">{end ? '到此结束' : cellLabel(cell, on)}</Text>
            </View>
          );
        })}
        {closing ? (
          <View
            className={`lk-slot lk-slot--${endable(cells.length) ? 'end' : 'closing'} e2e-slot-end-${closing}`}
            onClick={() => onTap(cells.length)}
          >
            <Text className="lk-slot__time">{closing}</Text>
            <Text className="lk-slot__state">{endable(cells.length) ? '到此结束' : '闭馆时间'}</Text>
          </View>
        ) : null}
      </View>
      {picked && choosingEnd ? (
        <Text className="lk-muted lk-slots__next e2e-booking-choose-end">
          {`开始时间 ${shanghaiClock(picked.start.startAt)}，请点结束时间；不点则只约 ${durationText(pickedMinutes)}`}
        </Text>
      ) : null}
      {picked && date ? (
        <Text className="lk-slots__picked e2e-booking-range">
          {`已选 ${dateText(date)} ${shanghaiClock(picked.start.startAt)}–${shanghaiClock(picked.end.endAt, true)}，共 ${durationText(pickedMinutes)}`}
          {holdText(room, pickedMinutes) ? `；${holdText(room, pickedMinutes)}` : ''}
        </Text>
      ) : null}
      {hint ? <Text className="lk-form-error e2e-slot-hint">{hint}</Text> : null}
    </View>
  );
}
