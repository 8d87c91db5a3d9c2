import { Col, List, Row, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { WorkbenchCard } from '../components/workbench/workbench-card';
import { RequestAlertsCard } from '../components/workbench/request-alerts-card';
import { useDayBookings, usePendingBookings } from '../hooks/useBookings';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useActivitiesToday, useNoticeAckGaps } from '../hooks/useWorkbench';
import { PageHeader } from '../layout/page-header';
import {
  bookingStatusColors,
  bookingStatusStaffLabels,
  bookingTimeText,
  clockText,
  communityToday,
  dateText,
  inactiveBookingStatuses,
} from '../lib/booking-format';

function Row2({ children }: { children: ReactNode }) {
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {children}
    </Row>
  );
}

/** The landing page of the console: what needs a worker's hand today, each block one click from its page. */
export function WorkbenchPage() {
  const navigate = useNavigate();
  const { community } = useCommunityScope();
  const today = communityToday();
  const dayBookings = useDayBookings(today);
  const pending = usePendingBookings();
  const ackGaps = useNoticeAckGaps();
  const activities = useActivitiesToday();

  const todayRows = (dayBookings.data ?? [])
    .filter((booking) => !inactiveBookingStatuses.includes(booking.status))
    .sort((a, b) => a.startAt.localeCompare(b.startAt));
  const pendingRows = pending.data ?? [];
  const gaps = ackGaps.data ?? [];
  const activityRows = activities.data ?? [];

  return (
    <>
      <PageHeader title="工作台" description={`${community?.name ?? ''} · ${dateText(today)}：今天需要处理的事项`} />

      <div style={{ marginBottom: 16 }}>
        <RequestAlertsCard />
      </div>

      <Row2>
        <Col xs={24} lg={12}>
          <WorkbenchCard
            title="待审批预约"
            count={pendingRows.length}
            query={pending}
            isEmpty={pendingRows.length === 0}
            empty="没有待审批的预约"
            onMore={() => navigate('/bookings/pending')}
            testId="workbench-pending-bookings"
          >
            <List
              size="small"
              dataSource={pendingRows.slice(0, 6)}
              renderItem={(booking) => (
                <List.Item key={booking.id}>
                  <List.Item.Meta
                    title={`${booking.room.name} · ${bookingTimeText(booking)}`}
                    description={`${booking.booker.name ?? '居民'}：${booking.purpose}（${booking.attendees} 人）`}
                  />
                </List.Item>
              )}
            />
          </WorkbenchCard>
        </Col>
        <Col xs={24} lg={12}>
          <WorkbenchCard
            title="今日预约"
            count={todayRows.length}
            query={dayBookings}
            isEmpty={todayRows.length === 0}
            empty="今天没有活动室预约"
            onMore={() => navigate('/bookings')}
            testId="workbench-today-bookings"
          >
            <List
              size="small"
              dataSource={todayRows.slice(0, 6)}
              renderItem={(booking) => (
                <List.Item
                  key={booking.id}
                  extra={
                    <Tag color={bookingStatusColors[booking.status].tag}>
                      {bookingStatusStaffLabels[booking.status]}
                    </Tag>
                  }
                >
                  <List.Item.Meta
                    title={`${clockText(booking.startAt)}–${clockText(booking.endAt)} ${booking.room.name}`}
                    description={`${booking.booker.name ?? '居民'}：${booking.purpose}`}
                  />
                </List.Item>
              )}
            />
          </WorkbenchCard>
        </Col>
      </Row2>

      <Row2>
        <Col xs={24} lg={12}>
          <WorkbenchCard
            title="公告待确认"
            count={gaps.length}
            query={ackGaps}
            isEmpty={gaps.length === 0}
            empty="需确认的公告都已确认"
            onMore={() => navigate('/notices')}
            testId="workbench-notice-acks"
          >
            <List
              size="small"
              dataSource={gaps.slice(0, 6)}
              renderItem={(gap) => (
                <List.Item key={gap.notice.id} extra={<Link to={`/notices/${gap.notice.id}/stats`}>跟进名单</Link>}>
                  <List.Item.Meta
                    title={gap.notice.title}
                    description={`已确认 ${gap.stats.ackCount} / ${gap.stats.audience} 人，还差 ${gap.missing} 人`}
                  />
                </List.Item>
              )}
            />
          </WorkbenchCard>
        </Col>
        <Col xs={24} lg={12}>
          <WorkbenchCard
            title="今日志愿活动"
            count={activityRows.length}
            query={activities}
            isEmpty={activityRows.length === 0}
            empty="今天没有志愿活动"
            onMore={() => navigate('/activities')}
            testId="workbench-activities-today"
          >
            <List
              size="small"
              dataSource={activityRows}
              renderItem={(activity) => (
                <List.Item key={activity.id} extra={<Link to={`/activities/${activity.id}/live`}>签到码</Link>}>
                  <List.Item.Meta
                    title={`${clockText(activity.startAt)}–${clockText(activity.endAt)} ${activity.title}`}
                    description={`${activity.place} · 已报名 ${activity.signedUp} / ${activity.capacity}`}
                  />
                </List.Item>
              )}
            />
          </WorkbenchCard>
        </Col>
      </Row2>
    </>
  );
}
