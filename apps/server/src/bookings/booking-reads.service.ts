import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  activeBookingStatuses,
  type BookingView,
  type MyBookingsQuery,
  type Page,
  shanghaiMidnight,
} from '@linli/shared-types';
import { DataSource, In, type EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { newestFirst, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { withCommunityNames } from '../tenancy/community-names.js';
import { Room } from '../rooms/room.entity.js';
import { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import { Booking } from './booking.entity.js';
import { toBookingView } from './bookings.mapper.js';
import { bookingVisibleTo } from './bookings.rules.js';
import type { BookingQueryDto } from './dto/bookings.dto.js';

const DAY = 86_400_000;

/** Reading bookings: a resident's own, staff lists, and the one booking an actor may act on. */
@Injectable()
export class BookingReadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A resident's bookings, newest first: all, the upcoming ones (active, not ended) or the past ones (the rest). */
  async mine(resident: User, query: MyBookingsQuery): Promise<Page<BookingView>> {
    const limit = query.limit ?? 20;
    const qb = newestFirst(this.dataSource.getRepository(Booking), 'b', { limit, cursor: query.cursor, scope: null });
    qb.andWhere('b.userId = :userId', { userId: resident.id });
    const upcoming = { active: [...activeBookingStatuses], now: this.clock.now() };
    if (query.when === 'upcoming') qb.andWhere('b.status IN (:...active) AND b.endAt > :now', upcoming);
    if (query.when === 'past') qb.andWhere('(b.status NOT IN (:...active) OR b.endAt <= :now)', upcoming);
    return this.page(this.dataSource.manager, await qb.getMany(), limit);
  }

  /** Staff: bookings of their scope, narrowed by local date, status and room. */
  async list(viewer: User, query: BookingQueryDto): Promise<Page<BookingView>> {
    const limit = query.limit ?? 100;
    const scope = communityScope(viewer, query.communityId);
    const qb = newestFirst(this.dataSource.getRepository(Booking), 'b', { limit, cursor: query.cursor, scope });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.roomId) qb.andWhere('b.roomId = :roomId', { roomId: query.roomId });
    if (query.date) {
      const midnight = shanghaiMidnight(query.date);
      if (!midnight) throw refuse('VALIDATION_FAILED', '日期无效', ['date']);
      qb.andWhere('b.startAt >= :from AND b.startAt < :to', { from: midnight, to: new Date(midnight.getTime() + DAY) });
    }
    const page = await this.page(this.dataSource.manager, await qb.getMany(), limit);
    return withCommunityNames(this.dataSource.manager, page);
  }

  /** A booking the actor may act on (bookingVisibleTo); anything else is missing. */
  async load(manager: EntityManager, actor: User, bookingId: number): Promise<Booking> {
    const booking = await manager.findOneBy(Booking, { id: bookingId });
    if (!booking || !bookingVisibleTo(actor, booking)) throw refuse('BOOKING_NOT_FOUND');
    return booking;
  }

  /** The booking as it is now, read back in the caller's transaction. */
  async reread(manager: EntityManager, bookingId: number): Promise<BookingView> {
    return this.view(manager, await manager.findOneByOrFail(Booking, { id: bookingId }));
  }

  async view(manager: EntityManager, booking: Booking): Promise<BookingView> {
    return (await this.page(manager, [booking], 1)).items[0];
  }

  private async page(manager: EntityManager, rows: Booking[], limit: number): Promise<Page<BookingView>> {
    const roomIds = [...new Set(rows.map((b) => b.roomId))];
    const userIds = [...new Set(rows.map((b) => b.userId))];
    const rooms = new Map(
      (roomIds.length ? await manager.findBy(Room, { id: In(roomIds) }) : []).map((r) => [r.id, r]),
    );
    const users = await usersById(manager, userIds);
    return pageByDescendingId(rows, limit, (b) => toBookingView(b, rooms.get(b.roomId), users.get(b.userId)));
  }
}
