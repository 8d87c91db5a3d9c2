import { DisabledReason } from '../components/disabled-reason';
import { ArrowLeftOutlined, QrcodeOutlined } from '@ant-design/icons';
import {
  activityStatusText,
  hoursText,
  minutesServed,
  type AttendancePurpose,
  type AttendanceRow,
  type ActivityView,
  type SettleActivityResponse,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { InputRef, TableColumnsType } from 'antd';
import { useRef, useState, type HTMLAttributes } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ManualMinutesDialog } from '../components/activities/manual-minutes-dialog';
import { useAttendanceSheet, useRecordAttendance, useSettleActivity } from '../hooks/useActivities';
import { PageHeader } from '../layout/page-header';
import { activityStatusColors, activityTimeRange, hasEnded, hasStarted } from '../lib/activity-form';
import { formatDateTime } from '../lib/format';
import { hoursWithMinutes } from '../lib/timebank-format';
import { ApiRequestError } from '../services/http';
import { LoadFailed, PageLoading, routeId } from '../components/load-states';

/** A personal code as scanned (QR text) or typed (6 digits, maybe with spaces). */
function normaliseUserCode(raw: string): string {
  const trimmed = raw.trim();
  return /^[\d\s-]+$/.test(trimmed) ? trimmed.replace(/[\s-]/g, '') : trimmed;
}

/** Minutes per PRODUCT.md, computed here too so the sheet explains itself; the server's value is what gets credited. */
function computedMinutes(activity: ActivityView, row: AttendanceRow): number {
  return minutesServed(
    row.checkedInAt ? new Date(row.checkedInAt) : null,
    row.checkedOutAt ? new Date(row.checkedOutAt) : null,
    new Date(activity.startAt),
    new Date(activity.endAt),
  );
}

/** Staff check a volunteer in or out from the volunteer's personal code (a scanner gun types the QR text and Enter). */
function PersonalCodeEntry({ activity }: { activity: ActivityView }) {
  const { message } = App.useApp();
  const record = useRecordAttendance(activity.id);
  const [userCode, setUserCode] = useState('');
  const [action, setAction] = useState<AttendancePurpose>(hasStarted(activity) ? 'checkout' : 'checkin');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<InputRef>(null);
  const code = normaliseUserCode(userCode);
  const valid = /^\d{6}$/.test(code) || (code.length >= 7 && code.length <= 100 && !/^\d+$/.test(code));

  const submit = async () => {
    setProblem(null);
    if (!valid) {
      setProblem('请输入志愿者个人码的 6 位数字，或扫描其二维码');
      return;
    }
    try {
      await record.mutateAsync({ userCode: code, action });
      message.success(action === 'checkin' ? '已代为签到' : '已代为签退');
      setUserCode('');
    } catch (error) {
      setProblem(error instanceof ApiRequestError ? error.message : '提交失败，请重试');
    } finally {
      input.current?.focus();
    }
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <QrcodeOutlined />
          代为签到 / 签退（志愿者手机无法扫码时）
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <Form layout="inline" onFinish={submit} disabled={activity.status !== 'published'}>
        <Form.Item>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={action}
            onChange={(event) => setAction(event.target.value as AttendancePurpose)}
            options={[
              { value: 'checkin', label: '签到' },
              { value: 'checkout', label: '签退' },
            ]}
            data-testid="attendance-action"
          />
        </Form.Item>
        <Form.Item style={{ flex: 1, minWidth: 260 }}>
          <Input
            ref={input}
            value={userCode}
            onChange={(event) => setUserCode(event.target.value)}
            placeholder="输入志愿者「我的个人码」的 6 位数字，或用扫码枪扫描"
            autoComplete="off"
            allowClear
            maxLength={100}
            data-testid="attendance-user-code"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="attendance-submit">
            {action === 'checkin' ? '签到' : '签退'}
          </Button>
        </Form.Item>
      </Form>
      {problem && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={problem} data-testid="attendance-error" />
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        个人码每 30 秒更新一次，请让志愿者现场出示最新的码。
      </Typography.Text>
    </Card>
  );
}

function SettleDialog({
  activity,
  rows,
  open,
  onClose,
  onSettled,
}: {
  activity: ActivityView;
  rows: AttendanceRow[];
  open: boolean;
  onClose: () => void;
  onSettled: (result: SettleActivityResponse) => void;
}) {
  const { message } = App.useApp();
  const settle = useSettleActivity();
  const pending = rows.filter((row) => row.settledAt === null);
  const credited = pending.filter((row) => row.minutes > 0);
  const totalMinutes = credited.reduce((sum, row) => sum + row.minutes, 0);
  const missingCheckout = pending.filter((row) => row.checkedInAt && !row.checkedOutAt && row.manualMinutes === null);
  const noShow = pending.filter((row) => !row.checkedInAt && row.manualMinutes === null);

  const confirm = async () => {
    try {
      const result = await settle.mutateAsync(activity.id);
      onSettled(result);
      onClose();
    } catch (error) {
      message.error(`结算失败：${(error as ApiRequestError).message}`);
    }
  };

  return (
    <Modal
      open={open}
      title={`结算「${activity.title}」`}
      okText="确认结算"
      cancelText="再核对一下"
      okButtonProps={{ loading: settle.isPending, 'data-testid': 'settle-confirm' }}
      onOk={confirm}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="settle-summary" style={{ fontSize: 16 }}>
        将为 <strong>{credited.length}</strong> 位志愿者记入时间积分，共 <strong>{hoursText(totalMinutes)}</strong>{' '}
        小时（{totalMinutes} 分钟），从社区时间池划出。
      </Typography.Paragraph>
      {missingCheckout.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`${missingCheckout.length} 位志愿者签到后未签退，将按 0 分钟结算：${missingCheckout.map((row) => row.name ?? `#${row.userId}`).join('、')}。如需计入，请先取消并补录时长。`}
        />
      )}
      {noShow.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`${noShow.length} 位报名者未签到，不计时长。`} />
      )}
      <Typography.Text type="secondary">结算后不能再补录；每位志愿者只会入账一次，重复结算不会多记。</Typography.Text>
    </Modal>
  );
}

function AttendanceSheetView({ activityId }: { activityId: number }) {
  const navigate = useNavigate();
  const sheet = useAttendanceSheet(activityId);
  const [manualFor, setManualFor] = useState<AttendanceRow | null>(null);
  const [settleOpen, setSettleOpen] = useState(false);
  const [settled, setSettled] = useState<SettleActivityResponse | null>(null);

  if (sheet.isPending) return <PageLoading text="正在加载考勤…" />;
  if (sheet.isError)
    return (
      <LoadFailed
        title="考勤加载失败"
        error={sheet.error}
        extra={<Button onClick={() => sheet.refetch()}>重试</Button>}
      />
    );

  const { activity, rows, totalMinutes } = sheet.data;
  const ended = hasEnded(activity);
  const canEditManual = activity.status === 'published';
  const canSettle = activity.status === 'published' && ended;
  const checkedIn = rows.filter((row) => row.checkedInAt).length;
  const checkedOut = rows.filter((row) => row.checkedOutAt).length;

  const columns: TableColumnsType<AttendanceRow> = [
    {
      title: '志愿者',
      key: 'name',
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.name ?? `志愿者 #${row.userId}`}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.phone ?? '—'}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '报名时间', dataIndex: 'signedUpAt', width: 150, render: formatDateTime },
    {
      title: '签到',
      dataIndex: 'checkedInAt',
      width: 150,
      render: (value: string | null) =>
        value ? formatDateTime(value) : <Typography.Text type="secondary">未签到</Typography.Text>,
    },
    {
      title: '签退',
      dataIndex: 'checkedOutAt',
      width: 150,
      render: (value: string | null, row) =>
        value ? (
          formatDateTime(value)
        ) : row.checkedInAt ? (
          <Tag color="orange">未签退</Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '计算时长',
      key: 'computed',
      width: 110,
      render: (_, row) => (
        <Tooltip title="签到至签退与活动时间的重叠部分，按 15 分钟向下取整">
          <span>{computedMinutes(activity, row)} 分钟</span>
        </Tooltip>
      ),
    },
    {
      title: '补录',
      key: 'manual',
      width: 200,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          {row.manualMinutes !== null && (
            <>
              <span>{row.manualMinutes} 分钟</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: row.manualReason }}>
                {row.manualReason}
              </Typography.Text>
            </>
          )}
          {canEditManual && row.settledAt === null && (
            <Button
              size="small"
              type={row.checkedInAt && !row.checkedOutAt && row.manualMinutes === null ? 'primary' : 'link'}
              ghost={!!row.checkedInAt && !row.checkedOutAt && row.manualMinutes === null}
              onClick={() => setManualFor(row)}
              data-testid={`attendance-manual-${row.userId}`}
            >
              {row.manualMinutes === null ? '补录时长' : '修改'}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: '计入时长',
      key: 'minutes',
      width: 130,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <strong data-testid={`attendance-minutes-${row.userId}`}>
            {hoursWithMinutes(row.settledAt ? (row.creditedMinutes ?? 0) : row.minutes)}
          </strong>
          {row.settledAt && <Tag color="green">已入账</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'title', label: '活动', children: activity.title },
            { key: 'time', label: '时间', children: activityTimeRange(activity) },
            { key: 'place', label: '地点', children: activity.place },
            {
              key: 'status',
              label: '状态',
              children: (
                <Space>
                  <Tag color={activityStatusColors[activity.status]}>{activityStatusText(activity)}</Tag>
                  {activity.status === 'published' && ended && <Tag color="gold">待结算</Tag>}
                </Space>
              ),
            },
            { key: 'count', label: '报名 / 签到 / 签退', children: `${rows.length} / ${checkedIn} / ${checkedOut}` },
            {
              key: 'total',
              label: '合计时长',
              children: <span data-testid="attendance-total">{hoursWithMinutes(totalMinutes)}</span>,
            },
          ]}
        />
        <Flex gap={12} wrap style={{ marginTop: 8 }}>
          {activity.status === 'published' && (
            <Button
              onClick={() =>
                navigate(`/activities/${activity.id}/live?purpose=${hasStarted(activity) ? 'checkout' : 'checkin'}`)
              }
            >
              投屏签到码
            </Button>
          )}
          {activity.status === 'published' && (
            <DisabledReason reason={ended ? undefined : '活动结束后才能结算'} testId="settle-reason">
              <Button
                type="primary"
                disabled={!canSettle}
                onClick={() => setSettleOpen(true)}
                data-testid="settle-open"
              >
                结算时间积分
              </Button>
            </DisabledReason>
          )}
        </Flex>
      </Card>

      {settled && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          data-testid="settle-result"
          title={
            settled.credited > 0
              ? `结算完成：${settled.credited} 位志愿者共入账 ${hoursWithMinutes(settled.creditedMinutes)}`
              : '结算完成：本次没有新的入账'
          }
          description={
            settled.alreadySettled > 0
              ? `${settled.alreadySettled} 位志愿者此前已结算，未重复入账。`
              : '志愿者会收到积分到账通知。'
          }
          onClose={() => setSettled(null)}
        />
      )}

      {activity.status === 'published' && <PersonalCodeEntry activity={activity} />}

      <Card title="考勤表" extra={<Typography.Text type="secondary">每 15 秒自动刷新</Typography.Text>}>
        <Table<AttendanceRow>
          rowKey="userId"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(row) => ({ 'data-testid': `attendance-row-${row.userId}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: '还没有志愿者报名' }}
          data-testid="attendance-table"
        />
      </Card>

      <ManualMinutesDialog activity={activity} row={manualFor} onClose={() => setManualFor(null)} />
      <SettleDialog
        activity={activity}
        rows={rows}
        open={settleOpen}
        onClose={() => setSettleOpen(false)}
        onSettled={setSettled}
      />
    </>
  );
}

/** /activities/:id/attendance: who came, for how long, manual minutes and settlement. */
export function ActivityAttendancePage() {
  const navigate = useNavigate();
  const params = useParams();
  const activityId = routeId(params.id);
  return (
    <>
      <PageHeader
        title="考勤与结算"
        description="核对签到签退；漏签退的志愿者可补录时长（须填原因）；活动结束后结算，时长记入各志愿者的时间银行账户。"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/activities')}>
            返回列表
          </Button>
        }
      />
      {activityId !== null ? (
        <AttendanceSheetView activityId={activityId} />
      ) : (
        <Result status="404" title="找不到这个活动" />
      )}
    </>
  );
}
