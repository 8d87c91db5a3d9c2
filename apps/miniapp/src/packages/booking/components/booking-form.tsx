import { Text, View } from '@tarojs/components';
import { BOOKING_PURPOSE_MAX, type RoomView } from '@linli/shared-types';
import { Button, Input } from '../../../components/nutui';
import type { BookingDraft, BookingField } from '../../../hooks/useCreateBooking';

interface BookingFormProps {
  room: RoomView;
  draft: BookingDraft;
  problems: Partial<Record<BookingField, string>>;
  error: string | null;
  submitting: boolean;
  onChange: (field: BookingField, value: string) => void;
  onSubmit: () => void;
}

/** 3. 填写用途和人数, and the 预约 button. */
export function BookingForm({ room, draft, problems, error, submitting, onChange, onSubmit }: BookingFormProps) {
  return (
    <View className="lk-card">
      <Text className="lk-card__title">3. 填写用途和人数</Text>
      <Text className="lk-room-page__label">用途</Text>
      <Input
        className="lk-room-page__input e2e-booking-purpose"
        placeholder="如：书法兴趣小组练习"
        maxLength={BOOKING_PURPOSE_MAX}
        value={draft.purpose}
        onChange={(value) => onChange('purpose', value)}
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
        onChange={(value) => onChange('attendees', value.replace(/\D/g, ''))}
      />
      {problems.attendees ? (
        <Text className="lk-form-error e2e-booking-attendees-error">{problems.attendees}</Text>
      ) : null}

      {error ? <Text className="lk-form-error e2e-booking-error">{error}</Text> : null}
      <Button
        className="lk-button-block e2e-booking-submit"
        type="primary"
        shape="round"
        block
        disabled={submitting}
        onClick={onSubmit}
      >
        预约
      </Button>
    </View>
  );
}
