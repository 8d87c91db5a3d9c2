import { hoursText, shanghaiDate, shanghaiShortTime } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { Booking, BookingSlot } from '../bookings/booking.entity.js';
import { occupiedCells } from '../bookings/bookings.rules.js';
import { bookingHoldReference, roomChargeMinutes } from '../help-requests/room-charges.rules.js';
import { Room } from '../rooms/room.entity.js';
import type { LedgerService } from '../timebank/ledger.service.js';
import type { User } from '../users/user.entity.js';

const PRICE_PER_HOUR = 30;

/**
 * B's 活动大厅 costs 30 minutes of credit an hour (rooms priced in credits): 朱玉兰's approved booking in two days
 * holds its price; 胡军's booking three days ago was used and its price charged to the pool, as the booking
 * transitions do it (RoomChargesService).
 */
export async function seedPricedRoom(
  manager: EntityManager,
  ledger: LedgerService,
  communityId: number,
  staff: User,
  [zhu, hu]: User[],
  now: Date,
): Promise<void> {
  const room = await manager.findOneByOrFail(Room, { communityId, name: '活动大厅' });
  await manager.update(Room, { id: room.id }, { priceMinutesPerHour: PRICE_PER_HOUR });
  const pool = await ledger.poolOf(manager, communityId);
  const day = (days: number) => shanghaiDate(new Date(now.getTime() + days * 86_400_000));
  const priced: Array<{ who: User; date: string; from: string; to: string; purpose: string; used: boolean }> = [
    { who: zhu, date: day(2), from: '09:30', to: '11:00', purpose: '老年合唱队排练', used: false },
    { who: hu, date: day(-3), from: '15:00', to: '16:00', purpose: '象棋友谊赛', used: true },
  ];
  for (const b of priced) {
    const startAt = new Date(`${b.date}T${b.from}:00+08:00`);
    const endAt = new Date(`${b.date}T${b.to}:00+08:00`);
    const minutes = (endAt.getTime() - startAt.getTime()) / 60_000;
    const id = (
      await manager.insert(Booking, {
        communityId,
        roomId: room.id,
        userId: b.who.id,
        startAt,
        endAt,
        minutes,
        purpose: b.purpose,
        attendees: 12,
        status: b.used ? 'completed' : 'approved',
        staffBooking: false,
        groupId: null,
        reason: null,
        decidedById: staff.id,
        decidedAt: new Date(startAt.getTime() - 86_400_000),
        checkedInAt: b.used ? startAt : null,
        noShowAt: null,
      })
    ).identifiers[0].id as number;
    if (!b.used)
      await manager.insert(
        BookingSlot,
        occupiedCells(startAt, endAt).map((slotStart) => ({ roomId: room.id, slotStart, bookingId: id })),
      );
    const amount = roomChargeMinutes({
      priceMinutesPerHour: PRICE_PER_HOUR,
      minutes,
      staffBooking: false,
      groupBooking: false,
    });
    const account = await ledger.openAccount(manager, b.who);
    const hold = await ledger.hold(manager, {
      communityId,
      payerAccountId: account.id,
      amount,
      reference: bookingHoldReference(id),
      memo: `预约${room.name}（${shanghaiShortTime(startAt)}）冻结 ${hoursText(amount)} 小时`,
      actorId: b.who.id,
    });
    if (b.used)
      await ledger.closeHold(
        manager,
        hold.id,
        {
          pay: {
            toAccountId: pool.id,
            amount,
            kind: 'room_charge',
            memo: `${room.name}（${shanghaiShortTime(startAt)}）场地使用费`,
          },
          releaseMemo: '',
        },
        endAt,
      );
  }
}
