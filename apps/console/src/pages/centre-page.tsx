import { Card, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { PageHeader } from '../layout/page-header';
import { CentreEventsPanel } from './centre-events';
import { CentreGroupsPanel } from './centre-groups';
import { CentreReportPanel } from './centre-report';
import { NotFoundPage } from './not-found-page';

const sections = ['groups', 'events', 'report'] as const;
type Section = (typeof sections)[number];

const sectionLabels: Record<Section, string> = {
  groups: '兴趣小组',
  events: '社区活动',
  report: '活动中心产出',
};

/** 活动中心: group approvals and quotas, community events, and what the centre produces (charts, CSV). */
export function CentrePage() {
  const navigate = useNavigate();
  const { community } = useCommunityScope();
  const { section = 'groups' } = useParams<{ section?: string }>();
  if (!(sections as readonly string[]).includes(section)) return <NotFoundPage />;
  const active = section as Section;

  return (
    <>
      <PageHeader
        title="活动中心"
        description={`${community?.name ?? ''}：审核居民发起的兴趣小组、设置小组每周活动室时长、发布社区活动，查看活动中心带来的文化、关系和情感产出。`}
      />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(key === 'groups' ? '/centre' : `/centre/${key}`)}
          destroyOnHidden
          items={sections.map((key) => ({
            key,
            label: <span data-testid={`centre-tab-${key}`}>{sectionLabels[key]}</span>,
            children:
              key === 'groups' ? (
                <CentreGroupsPanel />
              ) : key === 'events' ? (
                <CentreEventsPanel />
              ) : (
                <CentreReportPanel />
              ),
          }))}
        />
      </Card>
    </>
  );
}
