import { Card, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { CalendarPanel } from '../components/bookings/calendar-panel';
import { RoomsPanel } from '../components/bookings/rooms-panel';
import { UtilisationPanel } from '../components/bookings/utilisation-panel';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { PageHeader } from '../layout/page-header';
import { NotFoundPage } from './not-found-page';

const sections = ['calendar', 'rooms', 'utilisation'] as const;
type Section = (typeof sections)[number];

const sectionLabels: Record<Section, string> = {
  calendar: '预约日历',
  rooms: '活动室',
  utilisation: '使用率',
};

/** 预约: the day calendar and approvals, rooms with their rules, closures and door posters, weekly utilisation. */
export function BookingsPage() {
  const navigate = useNavigate();
  const { community } = useCommunityScope();
  const { section = 'calendar' } = useParams<{ section?: string }>();
  if (!(sections as readonly string[]).includes(section)) return <NotFoundPage />;
  const active = section as Section;

  return (
    <>
      <PageHeader
        title="活动中心预约"
        description={`${community?.name ?? ''}活动中心：审批预约、管理活动室和闭馆、打印门牌签到码。时间均为北京时间。`}
      />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(key === 'calendar' ? '/bookings' : `/bookings/${key}`)}
          destroyOnHidden
          items={sections.map((key) => ({
            key,
            label: <span data-testid={`bookings-tab-${key}`}>{sectionLabels[key]}</span>,
            children: key === 'calendar' ? <CalendarPanel /> : key === 'rooms' ? <RoomsPanel /> : <UtilisationPanel />,
          }))}
        />
      </Card>
    </>
  );
}
