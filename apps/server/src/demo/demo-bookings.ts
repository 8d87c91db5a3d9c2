import { shanghaiDate } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { Booking, BookingSlot } from '../bookings/booking.entity.js';
import { occupiedCells } from '../bookings/bookings.rules.js';
import { Room } from '../rooms/room.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';

/** [community, name, description, capacity, facilities, open, close, requiresApproval] */
const rooms: Array<[string, string, string, number, string[], string, string, boolean]> = [
  ['G', '多功能厅', '可举办讲座、联欢和居民议事会', 40, ['投影仪', '音响', '话筒'], '08:30', '21:00', true],
  ['G', '书画室', '书法、国画兴趣小组活动场所', 12, ['书画桌', '笔墨纸砚'], '08:30', '21:00', false],
  ['G', '棋牌室', '象棋、围棋、桥牌', 8, ['棋牌桌', '茶水'], '08:30', '21:00', false],
  ['G', '舞蹈室', '广场舞、太极、瑜伽排练', 20, ['镜墙', '音响'], '08:30', '21:00', false],
  ['B', '阅览室', '报刊图书阅读、亲子共读', 16, ['书架', '阅读桌'], '09:00', '20:00', false],
  ['B', '活动大厅', '文艺排练和社区活动', 30, ['音响', '投影仪'], '09:00', '20:00', true],
];

/** [community, phone or null for staff, room, days ahead, from, to, purpose, attendees, status] */
const bookings: Array<[string, string | null, string, number, string, string, string, number, 'approved' | 'pending']> =
  [
    ['G', '13800000001', '书画室', 1, '10:00', '11:30', '书法兴趣小组练习', 6, 'approved'],
    ['G', '13800000002', '多功能厅', 1, '14:00', '16:00', '楼栋居民议事会', 25, 'pending'],
    ['G', null, '舞蹈室', 1, '19:00', '20:30', '社区广场舞队排练', 18, 'approved'],
    ['G', '13800000004', '棋牌室', 2, '09:00', '11:00', '象棋友谊赛', 6, 'approved'],
    ['B', '13900000001', '阅览室', 1, '09:30', '10:30', '亲子共读', 8, 'approved'],
  ];

const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/** Rooms of the demo activity centres and a few bookings in the coming days (PRODUCT.md "Demo data"). */
export async function seedDemoBookings(manager: EntityManager, now: Date): Promise<void> {
  const byCode = new Map((await manager.find(Community)).map((c) => [c.code, c]));
  const roomIds = new Map<string, Room>();
  for (const [code, name, description, capacity, facilities, openTime, closeTime, requiresApproval] of rooms) {
    const community = byCode.get(code)!;
    const id = (
      await manager.insert(Room, {
        communityId: community.id,
        name,
        description,
        photos: '[]',
        capacity,
        facilities: JSON.stringify(facilities),
        openTime,
        closeTime,
        slotMinutes: 30,
        maxMinutes: 180,
        bookAheadDays: 7,
        minNoticeMinutes: 60,
        requiresApproval,
        active: true,
      })
    ).identifiers[0].id as number;
    roomIds.set(`${code}:${name}`, await manager.findOneByOrFail(Room, { id }));
  }
  for (const [code, phone, roomName, daysAhead, from, to, purpose, attendees, status] of bookings) {
    const community = byCode.get(code)!;
    const booker = phone
      ? await manager.findOneByOrFail(User, { communityId: community.id, phone })
      : await manager.findOneByOrFail(User, { communityId: community.id, role: 'staff' });
    const room = roomIds.get(`${code}:${roomName}`)!;
    const date = shanghaiDate(new Date(now.getTime() + daysAhead * 86_400_000));
    const startAt = at(date, from);
    const endAt = at(date, to);
    const id = (
      await manager.insert(Booking, {
        communityId: community.id,
        roomId: room.id,
        userId: booker.id,
        startAt,
        endAt,
        minutes: (endAt.getTime() - startAt.getTime()) / 60_000,
        purpose,
        attendees,
        status,
        staffBooking: phone === null,
        reason: null,
        decidedById: null,
        decidedAt: null,
        checkedInAt: null,
        noShowAt: null,
      })
    ).identifiers[0].id as number;
    await manager.insert(
      BookingSlot,
      occupiedCells(startAt, endAt).map((slotStart) => ({ roomId: room.id, slotStart, bookingId: id })),
    );
  }
}
