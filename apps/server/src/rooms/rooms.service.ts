import { runTransaction } from '../database/transaction.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  shanghaiMidnight,
  slotGrid,
  type ClosureView,
  type DoorCodeView,
  type Page,
  type RoomAvailability,
  type RoomView,
} from '@linli/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { RawReads } from '../database/raw-reads.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { communityOfNewRecord, communityScope } from '../common/tenancy-scope.js';
import { bookingSettings, validOpeningHours } from '../bookings/bookings.rules.js';
import type { User } from '../users/user.entity.js';
import type { CreateClosureDto, CreateRoomDto, RoomQueryDto, UpdateRoomDto } from './dto/rooms.dto.js';
import { doorCode } from './door-code.js';
import { Room, RoomClosure } from './room.entity.js';
import { roomDayParams, roomDaySql, toRoomDay, type RoomDayRow } from './rooms.queries.js';
import { roomVisibleTo, slotStateAt, type DayFacts } from './rooms.rules.js';
import { toClosureView, toRoomView } from './rooms.mapper.js';

const DAY = 86_400_000;

const CLOSURE_MAX_MS = 366 * 24 * 60 * 60 * 1000;

@Injectable()
export class RoomsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'secret'>,
    private readonly raw: RawReads,
  ) {}

  /** Staff: the signed code for the room's door poster. */
  async doorCode(viewer: User, roomId: number): Promise<DoorCodeView> {
    const room = await this.visibleRoom(this.dataSource.manager, viewer, roomId);
    return { roomId: room.id, roomName: room.name, code: doorCode(this.config.secret, room.id) };
  }

  /** Residents: the active rooms of their community (verified only); staff: every room of their scope. */
  async list(viewer: User, query: RoomQueryDto): Promise<Page<RoomView>> {
    const staff = viewer.role !== 'resident';
    if (!staff && viewer.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    const limit = query.limit ?? 50;
    const scope = communityScope(viewer, query.communityId);
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Room)
      .createQueryBuilder('r')
      .orderBy('r.id', 'DESC')
      .limit(limit + 1);
    if (scope !== null) qb.andWhere('r.communityId = :scope', { scope });
    if (!staff) qb.andWhere('r.active = :active', { active: true });
    if (before) qb.andWhere('r.id < :before', { before });
    return pageByDescendingId(await qb.getMany(), limit, toRoomView);
  }

  /** A room the viewer may see, or 404 (another community's room is answered as missing). */
  async visibleRoom(manager: EntityManager, viewer: User, roomId: number): Promise<Room> {
    const room = await manager.findOneBy(Room, { id: roomId });
    if (!room || !roomVisibleTo(viewer, room)) throw refuse('ROOM_NOT_FOUND');
    return room;
  }

  async view(viewer: User, roomId: number): Promise<RoomView> {
    return toRoomView(await this.visibleRoom(this.dataSource.manager, viewer, roomId));
  }

  /** Every slot of the room on a local date: free, taken, closed or past (the room, closures and cells in one read). */
  async availability(viewer: User, roomId: number, date: string): Promise<RoomAvailability> {
    if (viewer.role === 'resident' && viewer.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    const midnight = shanghaiMidnight(date);
    if (!midnight) {
      // A room the viewer may not see is missing before the date is judged.
      await this.visibleRoom(this.dataSource.manager, viewer, roomId);
      throw refuse('VALIDATION_FAILED', '日期无效', ['date']);
    }
    const dayEnd = new Date(midnight.getTime() + DAY);
    const { room, closed, cells } = toRoomDay(
      roomId,
      await this.raw.rows<RoomDayRow>(roomDaySql, roomDayParams(roomId, midnight, dayEnd)),
    );
    if (!room || !roomVisibleTo(viewer, room)) throw refuse('ROOM_NOT_FOUND');
    const cellMs = bookingSettings.cellMinutes * 60_000;
    const taken: number[] = [];
    for (const start of cells) taken.push(start, start + cellMs);
    const facts: DayFacts = { now: this.clock.now().getTime(), closed, taken };
    const slots: RoomAvailability['slots'] = [];
    // The grid is contiguous: a slot starts where the previous one ended, so each instant is written once.
    let lastEnd = Number.NaN;
    let lastEndText = '';
    for (const slot of slotGrid(room, date)) {
      const start = slot.startAt.getTime();
      const end = slot.endAt.getTime();
      const startAt = start === lastEnd ? lastEndText : slot.startAt.toISOString();
      lastEnd = end;
      lastEndText = slot.endAt.toISOString();
      slots.push({ startAt, endAt: lastEndText, state: slotStateAt(start, end, facts) });
    }
    return { roomId: room.id, date, slotMinutes: room.slotMinutes, slots };
  }

  create(actor: User, body: CreateRoomDto): Promise<RoomView> {
    const communityId = communityOfNewRecord(actor, body.communityId);
    if (!communityId) throw refuse('VALIDATION_FAILED', '请选择活动室所属的社区', ['communityId']);
    const slotMinutes = body.slotMinutes ?? 30;
    if (!validOpeningHours(body.openTime, body.closeTime, slotMinutes))
      throw refuse('ROOM_HOURS_INVALID', undefined, ['openTime', 'closeTime']);
    return runTransaction(this.dataSource, async (manager) => {
      const id = (
        await manager.insert(Room, {
          communityId,
          name: body.name.trim(),
          description: body.description?.trim() ?? '',
          photos: JSON.stringify(body.photos ?? []),
          capacity: body.capacity,
          facilities: JSON.stringify(body.facilities ?? []),
          openTime: body.openTime,
          closeTime: body.closeTime,
          slotMinutes,
          maxMinutes: body.maxMinutes ?? 180,
          bookAheadDays: body.bookAheadDays ?? 7,
          minNoticeMinutes: body.minNoticeMinutes ?? 60,
          requiresApproval: body.requiresApproval ?? false,
          active: body.active ?? true,
          priceMinutesPerHour: body.priceMinutesPerHour ?? 0,
        })
      ).identifiers[0].id as number;
      await this.audit.record(manager, {
        actor,
        communityId,
        action: 'rooms.create',
        targetType: 'room',
        targetId: id,
        summary: `新增活动室：${body.name}（容纳 ${body.capacity} 人，${body.openTime}–${body.closeTime}）`,
      });
      return toRoomView(await manager.findOneByOrFail(Room, { id }));
    });
  }

  /** Rule changes apply to new bookings; existing ones keep their slots (kept per 15-minute cell, so overlaps stay detected). */
  update(actor: User, roomId: number, change: UpdateRoomDto): Promise<RoomView> {
    return runTransaction(this.dataSource, async (manager) => {
      const room = await this.visibleRoom(manager, actor, roomId);
      const fields: Partial<Room> = {};
      if (change.name !== undefined) fields.name = change.name.trim();
      if (change.description !== undefined) fields.description = change.description.trim();
      if (change.photos !== undefined) fields.photos = JSON.stringify(change.photos);
      if (change.facilities !== undefined) fields.facilities = JSON.stringify(change.facilities);
      for (const key of [
        'capacity',
        'openTime',
        'closeTime',
        'slotMinutes',
        'maxMinutes',
        'bookAheadDays',
        'minNoticeMinutes',
        'requiresApproval',
        'active',
        'priceMinutesPerHour',
      ] as const) {
        if (change[key] !== undefined) (fields as Record<string, unknown>)[key] = change[key];
      }
      const next = { ...room, ...fields };
      if (!validOpeningHours(next.openTime, next.closeTime, next.slotMinutes))
        throw refuse('ROOM_HOURS_INVALID', undefined, ['openTime', 'closeTime']);
      if (Object.keys(fields).length) await manager.update(Room, { id: room.id }, fields);
      await this.audit.record(manager, {
        actor,
        communityId: room.communityId,
        action: 'rooms.update',
        targetType: 'room',
        targetId: room.id,
        summary: `修改活动室 ${room.name}：${Object.keys(fields).join('，') || '无变化'}`,
      });
      return toRoomView(await manager.findOneByOrFail(Room, { id: room.id }));
    });
  }

  addClosure(actor: User, roomId: number, body: CreateClosureDto): Promise<ClosureView> {
    const startAt = new Date(body.startAt);
    const endAt = new Date(body.endAt);
    // Longer than a year is not a closure: the room is set inactive instead.
    if (!(endAt.getTime() > startAt.getTime()) || endAt.getTime() - startAt.getTime() > CLOSURE_MAX_MS) {
      throw refuse('CLOSURE_TIME_INVALID', undefined, ['endAt']);
    }
    return runTransaction(this.dataSource, async (manager) => {
      const room = await this.visibleRoom(manager, actor, roomId);
      const id = (
        await manager.insert(RoomClosure, {
          communityId: room.communityId,
          roomId: body.wholeCentre ? null : room.id,
          startAt,
          endAt,
          reason: body.reason.trim(),
          createdById: actor.id,
        })
      ).identifiers[0].id as number;
      await this.audit.record(manager, {
        actor,
        communityId: room.communityId,
        action: 'rooms.closure',
        targetType: 'room',
        targetId: room.id,
        summary: `${body.wholeCentre ? '活动中心' : room.name}闭馆 ${body.startAt} 至 ${body.endAt}：${body.reason}`,
      });
      return toClosureView(await manager.findOneByOrFail(RoomClosure, { id }));
    });
  }
}
