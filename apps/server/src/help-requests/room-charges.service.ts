import { Injectable } from '@nestjs/common';
import { minutesToHours, shanghaiShortTime, type BookingStatus } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { Room } from '../rooms/room.entity.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { bookingHoldReference, roomChargeMinutes, roomChargeOutcome } from './room-charges.rules.js';

export interface ChargeableBooking {
  id: number;
  communityId: number;
  userId: number;
  startAt: Date;
  minutes: number;
  staffBooking: boolean;
  groupId: number | null;
}

/**
 * Rooms priced in credits: the price is held from the booker in the booking's own transaction (a refused booking
 * holds nothing, and the hold's conditional debit never promises more than is available), charged to the pool
 * when the booking is completed or a no-show, released when it is rejected or cancelled.
 */
@Injectable()
export class RoomChargesService {
  constructor(private readonly ledger: LedgerService) {}

  /** Holds the price of a new booking (nothing for a free room); refuses with 422 INSUFFICIENT_CREDITS. */
  async holdForBooking(
    manager: EntityManager,
    booking: ChargeableBooking,
    room: Pick<Room, 'name' | 'priceMinutesPerHour'>,
  ): Promise<number> {
    const amount = roomChargeMinutes({
      priceMinutesPerHour: room.priceMinutesPerHour,
      minutes: booking.minutes,
      staffBooking: booking.staffBooking,
      groupBooking: booking.groupId !== null,
    });
    if (!amount) return 0;
    const account = await this.ledger.openAccount(manager, { id: booking.userId, communityId: booking.communityId });
    await this.ledger.hold(manager, {
      communityId: booking.communityId,
      payerAccountId: account.id,
      amount,
      reference: bookingHoldReference(booking.id),
      memo: `预约${room.name}（${shanghaiShortTime(booking.startAt)}）冻结 ${minutesToHours(amount)}`,
      actorId: booking.userId,
    });
    return amount;
  }

  /** After the booking's status changed (in the same transaction): charge, release, or leave its hold. */
  async afterTransition(
    manager: EntityManager,
    booking: { id: number; roomId: number; startAt: Date },
    to: BookingStatus,
    now: Date,
  ): Promise<void> {
    const outcome = roomChargeOutcome(to);
    if (!outcome) return;
    const hold = await this.ledger.openHold(manager, bookingHoldReference(booking.id));
    if (!hold) return;
    const room = await manager.findOneBy(Room, { id: booking.roomId });
    const what = `${room?.name ?? '活动室'}（${shanghaiShortTime(booking.startAt)}）`;
    if (outcome === 'release') {
      await this.ledger.closeHold(
        manager,
        hold.id,
        { releaseMemo: `预约${to === 'rejected' ? '未通过' : '已取消'}，退回${what}冻结的时长` },
        now,
      );
      return;
    }
    const pool = await this.ledger.poolOf(manager, hold.communityId);
    await this.ledger.closeHold(
      manager,
      hold.id,
      {
        pay: {
          toAccountId: pool.id,
          amount: hold.amount,
          kind: 'room_charge',
          memo: `${to === 'no_show' ? '预约未到场，' : ''}${what}场地使用费`,
        },
        releaseMemo: '',
      },
      now,
    );
  }
}
