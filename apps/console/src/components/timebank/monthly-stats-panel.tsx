import { minutesToHours } from '@linli/shared-types';
import { Alert, Button, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useMonthlyStats } from '../../hooks/useTimebank';
import { COMMUNITY_TIME_ZONE, dayjs } from '../../lib/dayjs';
import { MonthlyChart } from './monthly-chart';

const MONTHS = 12;

/** Credits issued and spent per month, with the year's totals beside the chart. */
export function MonthlyStatsPanel() {
  const stats = useMonthlyStats(MONTHS);
  const items = stats.data?.items ?? [];
  const total = (key: 'issued' | 'spent' | 'transferred' | 'reversed') =>
    items.reduce((sum, item) => sum + item[key], 0);
  const currentMonth = dayjs().tz(COMMUNITY_TIME_ZONE).format('YYYY-MM');

  if (stats.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={`统计加载失败：${stats.error.message}`}
        action={
          <Button size="small" onClick={() => stats.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (stats.isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;

  const figures = [
    { key: 'issued', title: '发放', hint: '志愿服务记时和增加调整', value: total('issued') },
    { key: 'spent', title: '兑换消费', hint: '兑换奖励和扣减调整', value: total('spent') },
    { key: 'transferred', title: '居民间转赠', hint: '邻里之间互相转给的时间', value: total('transferred') },
    { key: 'reversed', title: '冲正', hint: '更正退回的时间', value: total('reversed') },
  ] as const;

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {figures.map((figure) => (
          <Col key={figure.key} xs={12} lg={6}>
            <Card size="small">
              <Statistic
                title={`近 ${MONTHS} 个月${figure.title}`}
                value={minutesToHours(figure.value)}
                valueRender={(node) => <span data-testid={`monthly-total-${figure.key}`}>{node}</span>}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {figure.hint}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title="每月发放与兑换">
        <MonthlyChart items={items} currentMonth={currentMonth} />
      </Card>
    </>
  );
}
