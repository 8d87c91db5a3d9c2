import type { EventSignupStatus, EventStatus, GroupKind, Mood } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/**
 * A resident event 社区活动. Every sign-up and cancel first bumps `queueTurn` (a write to this row: sign-ups and
 * cancels of one event take turns, also across Galera nodes, and hand out waitlist numbers in order); `signedUp`
 * moves only by `WHERE signedUp < capacity`, so it never passes the capacity.
 */
@Entity('centre_events')
@Index('idx_centre_events_community_start', ['communityId', 'startAt'])
@Index('idx_centre_events_room_start', ['roomId', 'startAt'])
@Index('idx_centre_events_group_start', ['groupId', 'startAt'])
export class CentreEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int', nullable: true }) groupId: number | null;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 16 }) kind: GroupKind;
  @DateTimeColumn() startAt: Date;
  @DateTimeColumn() endAt: Date;
  @Column({ type: 'varchar', length: 200 }) place: string;
  @Column({ type: 'int', nullable: true }) bookingId: number | null;
  @Column({ type: 'int', nullable: true }) roomId: number | null;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int' }) signedUp: number;
  @Column({ type: 'int' }) queueTurn: number;
  @Column({ type: 'boolean', default: false }) membersOnly: boolean;
  @Column({ type: 'varchar', length: 16 }) status: EventStatus;
  @Column({ type: 'int' }) organiserId: number;
  @CreatedAtColumn() createdAt: Date;
}

/** One resident's place: signed up, or waitlisted in `queueNo` order. Unique (eventId, userId); cancelling deletes it. */
@Entity('event_signups')
@Index('uq_event_signups_event_user', ['eventId', 'userId'], { unique: true })
@Index('idx_event_signups_event_status', ['eventId', 'status', 'queueNo'])
@Index('idx_event_signups_user', ['userId', 'eventId'])
export class EventSignup {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) eventId: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) status: EventSignupStatus;
  @Column({ type: 'int' }) queueNo: number;
  @DateTimeColumn({ nullable: true }) promotedAt: Date | null;
  @DateTimeColumn({ nullable: true }) checkedInAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** Once per attendee and event (unique key). */
@Entity('event_feedback')
@Index('uq_event_feedback_event_user', ['eventId', 'userId'], { unique: true })
@Index('idx_event_feedback_community', ['communityId', 'createdAt'])
export class EventFeedback {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) eventId: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 8 }) mood: Mood;
  @Column({ type: 'varchar', length: 200, nullable: true }) words: string | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A thank-you 感谢 from one attendee to the organiser or a fellow attendee: once per pair and event. */
@Entity('event_thanks')
@Index('uq_event_thanks_event_from_to', ['eventId', 'fromUserId', 'toUserId'], { unique: true })
@Index('idx_event_thanks_community', ['communityId', 'createdAt'])
export class EventThanks {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) eventId: number;
  @Column({ type: 'int' }) fromUserId: number;
  @Column({ type: 'int' }) toUserId: number;
  @Column({ type: 'varchar', length: 100 }) words: string;
  @CreatedAtColumn() createdAt: Date;
}
