import { Card, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { AccountsPanel } from '../components/timebank/accounts-panel';
import { LedgerAuditPanel } from '../components/timebank/ledger-audit-panel';
import { MonthlyStatsPanel } from '../components/timebank/monthly-stats-panel';
import { RewardsPanel } from '../components/timebank/rewards-panel';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { PageHeader } from '../layout/page-header';
import { NotFoundPage } from './not-found-page';

const sections = ['accounts', 'rewards', 'stats', 'audit'] as const;
type Section = (typeof sections)[number];

const sectionLabels: Record<Section, string> = {
  accounts: '账户',
  rewards: '奖励兑换',
  stats: '月度统计',
  audit: '对账',
};

/** 时间银行: accounts and statements, rewards and hand-overs, monthly figures and the ledger audit; one URL per tab. */
export function TimebankPage() {
  const navigate = useNavigate();
  const { community } = useCommunityScope();
  const { section = 'accounts' } = useParams<{ section?: string }>();
  if (!(sections as readonly string[]).includes(section)) return <NotFoundPage />;
  const active = section as Section;

  return (
    <>
      <PageHeader
        title="时间银行"
        description={`${community?.name ?? ''}时间银行：志愿服务一小时记一小时，可转赠邻居或兑换奖励。记录不可修改，更正用冲正并写明原因。`}
      />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(key === 'accounts' ? '/timebank' : `/timebank/${key}`)}
          destroyOnHidden
          items={sections.map((key) => ({
            key,
            label: <span data-testid={`timebank-tab-${key}`}>{sectionLabels[key]}</span>,
            children:
              key === 'accounts' ? (
                <AccountsPanel />
              ) : key === 'rewards' ? (
                <RewardsPanel />
              ) : key === 'stats' ? (
                <MonthlyStatsPanel />
              ) : (
                <LedgerAuditPanel />
              ),
          }))}
        />
      </Card>
    </>
  );
}
