import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../../components/page-shell';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { BookingForm } from '../../components/booking-form';
import { BookingConfirm, BookingDone } from '../../components/booking-outcome';
import { DayPicker, NotVerified, RoomHead } from '../../components/room-parts';
import { SlotGrid } from '../../components/slot-grid';
import { useRoomBooking } from '../../hooks/useRoomBooking';
import '../../components/booking.scss';
import './index.scss';

export default function RoomBookingPage() {
  const router = useRouter();
  const id = /^\d+$/.test(router.params.id ?? '') ? Number(router.params.id) : null;
  const page = useRoomBooking(id);
  const { room, roomData, booking, slots } = page;

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

  if (page.pending) {
    return (
      <PageShell className="lk-room-page">
        <RoomHead room={room} brief />
        <NotVerified />
      </PageShell>
    );
  }

  if (booking.result) {
    return (
      <PageShell className="lk-room-page">
        <BookingDone done={booking.result} onAgain={page.again} />
      </PageShell>
    );
  }

  return (
    <PageShell className="lk-room-page">
      <RoomHead room={room} />
      <DayPicker days={page.days} date={page.date} onPick={page.setDate} />
      <SlotGrid
        room={room}
        date={page.date}
        cells={page.cells}
        availability={page.availability}
        range={slots.range}
        choosingEnd={slots.choosingEnd}
        picked={slots.picked}
        pickedMinutes={slots.pickedMinutes}
        hint={slots.hint}
        onTap={slots.tap}
      />
      <BookingForm
        room={room}
        draft={page.draft}
        problems={page.problems}
        error={booking.error}
        submitting={booking.submitting}
        onChange={page.change}
        onSubmit={page.submit}
      />
      {booking.confirming && slots.picked ? (
        <BookingConfirm
          room={room}
          request={booking.confirming}
          busy={booking.submitting}
          onConfirm={() => void booking.confirm()}
          onCancel={booking.cancel}
        />
      ) : null}
    </PageShell>
  );
}
