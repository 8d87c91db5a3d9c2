import { useMemo, useState } from 'react';
import { useAvailability } from '../../../hooks/useAvailability';
import {
  checkBookingDraft,
  useCreateBooking,
  type BookingDraft,
  type BookingField,
} from '../../../hooks/useCreateBooking';
import { useRoom } from '../../../hooks/useRooms';
import { useSession } from '../../../hooks/useSession';
import { bookingDays, gridCells, rangeProblem } from '../../../lib/bookings';
import { useSlotPicker } from './useSlotPicker';

const emptyDraft: BookingDraft = { purpose: '', attendees: '' };

/** Everything the room page shows and does: the room, its days and grid, the picked slots, the form, the booking. */
export function useRoomBooking(id: number | null) {
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
  const slots = useSlotPicker(room, cells, date);
  const [draft, setDraft] = useState<BookingDraft>(emptyDraft);
  const [problems, setProblems] = useState<Partial<Record<BookingField, string>>>({});
  // A slot someone else just took: show the fresh grid and let the resident choose again.
  const booking = useCreateBooking(room, (code) => {
    if (code === 'BOOKING_SLOT_TAKEN' || code === 'BOOKING_CLOSED') {
      slots.setRange(null);
      void availability.reload();
    }
  });

  const submit = () => {
    if (!room) return;
    const found = checkBookingDraft(draft, room);
    setProblems(found);
    const { range, picked } = slots;
    if (!range || !picked) {
      slots.setHint('请先在上面选择时段：点开始时段，再点结束时段');
      return;
    }
    const problem = rangeProblem(room, cells, range);
    if (problem) {
      slots.setHint(problem);
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

  const again = () => {
    booking.reset();
    slots.setRange(null);
    setDraft(emptyDraft);
    void availability.reload();
  };

  return {
    pending,
    roomData,
    room,
    days,
    date,
    setDate,
    availability,
    cells,
    slots,
    draft,
    problems,
    booking,
    submit,
    change,
    again,
  };
}
