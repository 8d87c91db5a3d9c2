import { requestCategoryLabels, type RequestView } from '@linli/shared-types';
import { Col, List, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useRequestAlerts } from '../../hooks/useRequests';
import { formatDateTime } from '../../lib/format';
import { deadlineDistance } from '../../lib/request-format';
import { LightTag, StatusTag } from '../requests/request-tags';
import { WorkbenchCard } from './workbench-card';

function AlertList({ rows }: { rows: RequestView[] }) {
  const navigate = useNavigate();
  return (
    <List
      size="small"
      dataSource={rows.slice(0, 6)}
      renderItem={(request) => (
        <List.Item
          key={request.id}
          style={{ cursor: 'pointer' }}
          onClick={() => navigate(`/requests/${request.id}`)}
          extra={<StatusTag status={request.status} />}
          data-testid={`workbench-request-${request.id}`}
        >
          <List.Item.Meta
            title={
              <span>
                {/* A link too, so the keyboard reaches each request (the row is clicked with a mouse). */}
                <LightTag light={request.light} />{' '}
                <Link to={`/requests/${request.id}`} onClick={(event) => event.stopPropagation()}>
                  {request.title}
                </Link>
              </span>
            }
            description={
              <Typography.Text type={request.light === 'red' ? 'danger' : 'secondary'}>
                {`${requestCategoryLabels[request.category]} · 截止 ${formatDateTime(request.deadlineAt)}（${deadlineDistance(request.deadlineAt) ?? ''}）· ${request.assignee?.name ?? '未受理'}`}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** Overdue (red) and nearly due (yellow) requests still open: the first thing a worker sees. */
export function RequestAlertsCard() {
  const navigate = useNavigate();
  const red = useRequestAlerts('red');
  const yellow = useRequestAlerts('yellow');
  const redRows = red.data ?? [];
  const yellowRows = yellow.data ?? [];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <WorkbenchCard
          title="超期诉求（红灯）"
          count={redRows.length}
          query={red}
          isEmpty={redRows.length === 0}
          empty="没有超期的诉求"
          onMore={() => navigate('/requests?light=red')}
          testId="workbench-requests-red"
        >
          <AlertList rows={redRows} />
        </WorkbenchCard>
      </Col>
      <Col xs={24} lg={12}>
        <WorkbenchCard
          title="临期诉求（黄灯）"
          count={yellowRows.length}
          query={yellow}
          isEmpty={yellowRows.length === 0}
          empty="没有临期的诉求"
          onMore={() => navigate('/requests?light=yellow')}
          testId="workbench-requests-yellow"
        >
          <AlertList rows={yellowRows} />
        </WorkbenchCard>
      </Col>
    </Row>
  );
}
