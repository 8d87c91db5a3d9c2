import { shanghaiDate } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { Activity, ActivitySignup } from '../activities/activity.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';

const MIN = 60_000;
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

interface DemoActivity {
  title: string;
  description: string;
  place: string;
  geofence: { lat: number; lng: number; radiusM: number } | null;
  startAt: Date;
  endAt: Date;
  signupDeadline: Date;
  capacity: number;
  /** [phone, check-in, check-out] of the G volunteers signed up. */
  signups: Array<[string, Date | null, Date | null]>;
}

/**
 * Volunteer activities of the demo (community G): one starting within the hour, so check-in can be tried at once;
 * one tomorrow morning; one that ended two days ago with attendance waiting to be settled (one check-out missing).
 * Nothing is credited here: settling the past one is part of the demo.
 */
export async function seedDemoActivities(manager: EntityManager, now: Date): Promise<void> {
  const community = await manager.findOneByOrFail(Community, { code: 'G' });
  const staff = await manager.findOneByOrFail(User, { communityId: community.id, role: 'staff' });
  const soon = new Date(Math.ceil(now.getTime() / (15 * MIN)) * 15 * MIN + 15 * MIN);
  const tomorrow = shanghaiDate(new Date(now.getTime() + 86_400_000));
  const past = shanghaiDate(new Date(now.getTime() - 2 * 86_400_000));
  const activities: DemoActivity[] = [
    {
      title: '社区环境清洁',
      description: '清理楼道小广告、捡拾绿化带垃圾。手套和夹子由社区提供，请穿运动鞋。',
      place: '幸福里小区南门集合',
      geofence: null,
      startAt: soon,
      endAt: new Date(soon.getTime() + 120 * MIN),
      signupDeadline: soon,
      capacity: 12,
      signups: [
        ['13800000002', null, null],
        ['13800000001', null, null],
      ],
    },
    {
      title: '敬老院陪伴',
      description: '陪伴敬老院老人聊天、读报、做手工，帮助护理员整理活动室。',
      place: '锦江区幸福里敬老院',
      geofence: { lat: 30.6586, lng: 104.0647, radiusM: 200 },
      startAt: at(tomorrow, '09:00'),
      endAt: at(tomorrow, '11:30'),
      signupDeadline: at(tomorrow, '07:00'),
      capacity: 8,
      signups: [['13800000001', null, null]],
    },
    {
      title: '垃圾分类宣传',
      description: '在小区门口摆台宣传垃圾分类，指导居民投放。',
      place: '幸福里小区北门',
      geofence: null,
      startAt: at(past, '14:00'),
      endAt: at(past, '16:00'),
      signupDeadline: at(past, '12:00'),
      capacity: 6,
      signups: [
        ['13800000001', at(past, '13:50'), at(past, '16:05')],
        ['13800000002', at(past, '14:10'), null],
      ],
    },
  ];
  for (const a of activities) {
    // Written before the sign-up deadline (and before now), so every sign-up precedes its check-in.
    const openedBy = Math.min(now.getTime(), a.signupDeadline.getTime());
    const id = (
      await manager.insert(Activity, {
        communityId: community.id,
        title: a.title,
        description: a.description,
        place: a.place,
        geoLatE6: a.geofence ? Math.round(a.geofence.lat * 1e6) : null,
        geoLngE6: a.geofence ? Math.round(a.geofence.lng * 1e6) : null,
        geoRadiusM: a.geofence?.radiusM ?? null,
        startAt: a.startAt,
        endAt: a.endAt,
        signupDeadline: a.signupDeadline,
        capacity: a.capacity,
        signedUp: a.signups.length,
        status: 'published', // Seeded within the hour before start: too late for a reminder to make sense.
        reminderSentAt: a.startAt.getTime() - now.getTime() <= 60 * MIN ? now : null,
        settledAt: null,
        createdById: staff.id,
        createdAt: new Date(openedBy - 3 * 86_400_000),
      })
    ).identifiers[0].id as number;
    for (const [n, [phone, checkedInAt, checkedOutAt]] of a.signups.entries()) {
      const volunteer = await manager.findOneByOrFail(User, { communityId: community.id, phone });
      await manager.insert(ActivitySignup, {
        communityId: community.id,
        activityId: id,
        userId: volunteer.id,
        checkedInAt,
        checkedOutAt,
        manualMinutes: null,
        manualReason: null,
        manualById: null,
        settledAt: null,
        creditedMinutes: null,
        transactionId: null,
        createdAt: new Date(openedBy - (a.signups.length - n) * 3 * 3_600_000),
      });
    }
  }
}
