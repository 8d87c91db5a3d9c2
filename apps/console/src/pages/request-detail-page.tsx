import { requestCategoryLabels, requestSatisfactionLabels, requestUnreasonableLabels } from '@linli/shared-types';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadFailed, PageLoading, routeId } from '../components/load-states';
import { RequestActions } from '../components/requests/request-actions';
import { RequestPhotos } from '../components/requests/request-photos';
import { LightTag, StatusTag } from '../components/requests/request-tags';
import { RequestTimeline } from '../components/requests/request-timeline';
import { PhoneReveal } from '../components/residents/phone-reveal';
import { useRequestAssignees, useRequestDetail } from '../hooks/useRequests';
import { useCurrentUser } from '../hooks/useSession';
import { PageHeader } from '../layout/page-header';
import { formatDateTime } from '../lib/format';
import { deadlineDistance } from '../lib/request-format';

export function RequestDetailPage() {
  const navigate = useNavigate();
  const requestId = routeId(useParams().id);
  const detail = useRequestDetail(requestId);
  const user = useCurrentUser().data;
  // Staff of the request's community, for 受理 (loaded once the request says which community).
  const assignees = useRequestAssignees(detail.data?.communityId, detail.data?.status === 'submitted');

  if (requestId === null) return <LoadFailed title="找不到该诉求" error={new Error('链接有误')} />;
  if (detail.isLoading) return <PageLoading text="正在加载诉求…" />;
  if (detail.isError)
    return (
      <LoadFailed
        title="诉求加载失败"
        error={detail.error}
        extra={<Button onClick={() => navigate('/requests')}>返回诉求列表</Button>}
      />
    );
  const request = detail.data!;
  const submitter = request.submitter;
  const household = submitter ? [submitter.buildingName, submitter.unit, submitter.room].filter(Boolean).join('-') : '';

  return (
    <>
      <PageHeader
        title={`#${request.id} ${request.title}`}
        description={
          <Space size={4} wrap>
            <StatusTag status={request.status} />
            <LightTag light={request.light} />
            <Tag>{requestCategoryLabels[request.category]}</Tag>
            {request.urgent ? <Tag color="red">紧急</Tag> : null}
            {request.public ? <Tag>公开 · {request.seconds} 人也遇到</Tag> : <Tag>不公开</Tag>}
            {request.reopened ? <Tag color="volcano">重办</Tag> : null}
          </Space>
        }
        extra={<Button onClick={() => navigate('/requests')}>返回列表</Button>}
      />
      {request.unreasonable ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${requestUnreasonableLabels[request.unreasonable.state]}：${request.unreasonable.reason}`}
          description={
            request.unreasonable.state === 'marked' ? '等待街道管理员确认；确认后不计入三率。' : '已确认，不计入三率。'
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="诉求内容" style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="request-description">
              {request.description}
            </Typography.Paragraph>
            <RequestPhotos photos={request.photos} />
            <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginTop: 16 }}>
              <Descriptions.Item label="地点">
                {[request.buildingName, request.place].filter(Boolean).join(' · ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="社区">{request.communityName}</Descriptions.Item>
              <Descriptions.Item label="居民">{submitter?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="住址">{household || '—'}</Descriptions.Item>
              <Descriptions.Item label="电话">
                {submitter ? (
                  <PhoneReveal
                    residentId={submitter.id}
                    name={submitter.name}
                    maskedPhone={submitter.phoneMasked}
                    purpose={`诉求 #${request.id} 回访`}
                  />
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="提交时间">{formatDateTime(request.createdAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="办理" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label="承办人">
                <span data-testid="request-assignee">{request.assignee?.name ?? '未受理'}</span>
              </Descriptions.Item>
              <Descriptions.Item label="当前截止">
                {request.deadlineAt
                  ? `${formatDateTime(request.deadlineAt)}（${deadlineDistance(request.deadlineAt)}）`
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="受理时限">{formatDateTime(request.acceptDueAt)}</Descriptions.Item>
              <Descriptions.Item label="办结时限">{formatDateTime(request.resolveDueAt)}</Descriptions.Item>
              {request.extensionDays ? (
                <Descriptions.Item label="已延期" span={2}>
                  {`${request.extensionDays} 天：${request.extensionReason ?? ''}`}
                </Descriptions.Item>
              ) : null}
              {request.resolution ? (
                <Descriptions.Item label="办理结果" span={2}>
                  <span data-testid="request-resolution">{request.resolution}</span>
                </Descriptions.Item>
              ) : null}
              {request.referral ? (
                <Descriptions.Item label="转办" span={2}>
                  {`${request.referral.to}：${request.referral.reason}`}
                </Descriptions.Item>
              ) : null}
              {request.helpRequestId ? (
                <Descriptions.Item label="派给志愿者" span={2}>
                  <span data-testid="request-help-task">{`已发布为邻里互助任务 #${request.helpRequestId}`}</span>
                </Descriptions.Item>
              ) : null}
              {request.rating ? (
                <Descriptions.Item label="居民评价" span={2}>
                  <span data-testid="request-rating">
                    {`${request.rating.resolved ? '已解决' : '未解决'} · ${requestSatisfactionLabels[request.rating.satisfaction]}`}
                    {request.rating.comment ? `：${request.rating.comment}` : ''}
                  </span>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {user ? (
              <RequestActions
                request={request}
                user={user}
                assignees={{
                  people: assignees.data ?? [],
                  loading: assignees.isLoading,
                  failed: assignees.isError,
                }}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="办理进度">
            <Flex vertical>
              <RequestTimeline events={request.timeline} />
            </Flex>
          </Card>
        </Col>
      </Row>
    </>
  );
}
