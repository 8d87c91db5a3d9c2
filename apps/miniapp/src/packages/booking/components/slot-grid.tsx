import { Text, View } from '@tarojs/components';
import type { RoomAvailability } from '@linli/shared-types';
import { ListError } from '../../../components/list-state';
import type { RemoteData } from '../../../hooks/useRemoteData';
import {
  cellBookable,
  dateText,
  durationText,
  shanghaiClock,
  type GridCell,
  type SlotRange,
} from '../../../lib/bookings';
import { cellLabel } from '../lib/slot-pick';

interface SlotGridProps {
  date: string | null;
  cells: GridCell[];
  availability: RemoteData<RoomAvailability>;
  range: SlotRange | null;
  picked: { start: GridCell; end: GridCell } | null;
  pickedMinutes: number;
  hint: string | null;
  onTap: (index: number) => void;
}

/** 2. 选时段: the day's grid with its loading, error and empty states, the picked range and the hint. */
export function SlotGrid({ date, cells, availability, range, picked, pickedMinutes, hint, onTap }: SlotGridProps) {
  return (
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
          const look = on ? 'picked' : cell.blocked ? 'past' : cell.state;
          return (
            <View
              key={cell.clock}
              className={`lk-slot lk-slot--${look} e2e-slot-${cell.clock} e2e-slot-${cell.state}${on ? ' e2e-slot-picked' : ''}`}
              onClick={() => onTap(index)}
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
  );
}
