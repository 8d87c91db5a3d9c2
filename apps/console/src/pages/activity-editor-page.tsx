import { AimOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import {
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  activityStatusText,
  type ActivityView,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Space,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useActivity, usePublishActivity, useSaveActivity } from '../hooks/useActivities';
import { PageHeader } from '../layout/page-header';
import {
  GEOFENCE_RADIUS_MAX,
  GEOFENCE_RADIUS_MIN,
  activityToFormValues,
  emptyActivityForm,
  fieldOfErrorCode,
  fieldProblem,
  formFieldOf,
  formValuesToRequest,
  hasEnded,
  type ActivityFormValues,
} from '../lib/activity-form';
import { communityNowWallClock } from '../lib/dayjs';
import { showServerError as showFormServerError } from '../lib/form';
import { LoadFailed, PageLoading, routeId } from '../components/load-states';

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';

function beforeToday(current: Dayjs): boolean {
  return current.isBefore(communityNowWallClock().startOf('day'));
}

/** Why the browser gave no position, in words staff can act on. */
function geolocationProblem(error: GeolocationPositionError): string {
  if (error.code === error.PERMISSION_DENIED)
    return '浏览器拒绝了定位权限：请在地址栏左侧的网站设置中允许“位置”，或直接填写经纬度';
  if (error.code === error.TIMEOUT) return '定位超时，请稍后重试或直接填写经纬度';
  return '无法获取当前位置，请直接填写经纬度';
}

type Intent = 'save' | 'publish';

function ActivityEditor({ activity }: { activity: ActivityView | null }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ActivityFormValues>();
  const save = useSaveActivity();
  const publish = usePublishActivity();
  const [busy, setBusy] = useState<Intent | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);
  const geofenceEnabled = Form.useWatch('geofenceEnabled', form);
  const isDraft = !activity || activity.status === 'draft';

  const showServerError = (error: unknown, prefix: string) =>
    showFormServerError(form, message, { formFieldOf, fieldProblem, fieldOfErrorCode }, error, prefix);

  const fillCurrentLocation = () => {
    setLocationError(null);
    if (!('geolocation' in navigator)) {
      setLocationError('此浏览器不支持定位，请直接填写经纬度');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        form.setFieldsValue({
          lat: Number(position.coords.latitude.toFixed(6)),
          lng: Number(position.coords.longitude.toFixed(6)),
        });
        form.validateFields(['lat', 'lng']).catch(() => undefined);
        message.success(`已填入当前位置（精度约 ${Math.round(position.coords.accuracy)} 米）`);
      },
      (error) => {
        setLocating(false);
        setLocationError(geolocationProblem(error));
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const submit = async (intent: Intent) => {
    try {
      await form.validateFields();
    } catch {
      message.warning('请先修改标红的内容');
      return;
    }
    const values = form.getFieldsValue(true) as ActivityFormValues;
    const input = formValuesToRequest(values);
    setBusy(intent);
    try {
      let saved: ActivityView;
      try {
        saved = await save.mutateAsync({ activityId: activity?.id, input });
      } catch (error) {
        showServerError(error, '保存失败');
        return;
      }
      if (intent === 'save') {
        message.success(saved.status === 'draft' ? '草稿已保存' : '修改已保存');
        void navigate('/activities');
        return;
      }
      try {
        await publish.mutateAsync(saved.id);
        message.success('活动已发布，志愿者现在可以报名');
        void navigate('/activities?status=published');
      } catch (error) {
        showServerError(error, '草稿已保存，但发布失败');
        if (!activity) void navigate(`/activities/${saved.id}/edit`, { replace: true });
      }
    } finally {
      setBusy(null);
    }
  };

  const validateStart = async (_: unknown, value: Dayjs | null) => {
    if (!value) throw new Error('请选择开始时间');
    if (!value.isAfter(communityNowWallClock())) throw new Error('开始时间须在将来');
  };
  const validateEnd = async (_: unknown, value: Dayjs | null) => {
    if (!value) throw new Error('请选择结束时间');
    const start: Dayjs | null = form.getFieldValue('startAt');
    if (start && !value.isAfter(start)) throw new Error('结束时间须晚于开始时间');
  };
  const validateDeadline = async (_: unknown, value: Dayjs | null) => {
    if (!value) throw new Error('请选择报名截止时间');
    const start: Dayjs | null = form.getFieldValue('startAt');
    if (start && value.isAfter(start)) throw new Error('报名截止不能晚于开始时间');
  };
  const capacityMin = Math.max(1, activity?.signedUp ?? 0);

  return (
    <Form<ActivityFormValues>
      form={form}
      layout="vertical"
      initialValues={activity ? activityToFormValues(activity) : emptyActivityForm}
      disabled={busy !== null}
      data-testid="activity-form"
    >
      <Card title="基本信息" style={{ marginBottom: 16 }}>
        <Form.Item
          name="title"
          label="标题"
          rules={[
            { required: true, whitespace: true, message: '请输入标题' },
            { max: ACTIVITY_TITLE_MAX, message: `标题不能超过 ${ACTIVITY_TITLE_MAX} 个字` },
          ]}
        >
          <Input showCount maxLength={ACTIVITY_TITLE_MAX} placeholder="例如：敬老院陪伴" data-testid="activity-title" />
        </Form.Item>
        <Form.Item
          name="place"
          label="地点"
          rules={[
            { required: true, whitespace: true, message: '请输入地点' },
            { max: ACTIVITY_PLACE_MAX, message: `地点不能超过 ${ACTIVITY_PLACE_MAX} 个字` },
          ]}
        >
          <Input
            maxLength={ACTIVITY_PLACE_MAX}
            placeholder="例如：幸福里敬老院二楼活动室"
            data-testid="activity-place"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label="活动说明"
          rules={[{ max: ACTIVITY_DESCRIPTION_MAX, message: `说明不能超过 ${ACTIVITY_DESCRIPTION_MAX} 个字` }]}
        >
          <Input.TextArea
            showCount
            maxLength={ACTIVITY_DESCRIPTION_MAX}
            autoSize={{ minRows: 4, maxRows: 12 }}
            placeholder="内容、集合方式、需要带的东西…"
            data-testid="activity-description"
          />
        </Form.Item>
      </Card>

      <Card
        title="时间与名额"
        style={{ marginBottom: 16 }}
        extra={<Typography.Text type="secondary">时间均为北京时间（Asia/Shanghai）</Typography.Text>}
      >
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="startAt" label="开始时间" required rules={[{ validator: validateStart }]}>
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format={PICKER_FORMAT}
                disabledDate={beforeToday}
                style={{ width: '100%' }}
                data-testid="activity-start"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="endAt"
              label="结束时间"
              required
              dependencies={['startAt']}
              rules={[{ validator: validateEnd }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format={PICKER_FORMAT}
                disabledDate={beforeToday}
                style={{ width: '100%' }}
                data-testid="activity-end"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="signupDeadline"
              label="报名截止"
              required
              dependencies={['startAt']}
              rules={[{ validator: validateDeadline }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format={PICKER_FORMAT}
                disabledDate={beforeToday}
                style={{ width: '100%' }}
                data-testid="activity-deadline"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="capacity"
          label="名额"
          rules={[
            { required: true, message: '请输入名额' },
            {
              type: 'integer',
              min: capacityMin,
              max: 10000,
              message: activity?.signedUp ? `名额不能少于已报名的 ${activity.signedUp} 人` : '名额需为 1–10000 的整数',
            },
          ]}
          extra={activity && activity.signedUp > 0 ? `已有 ${activity.signedUp} 人报名` : undefined}
        >
          <InputNumber
            min={1}
            max={10000}
            precision={0}
            style={{ width: 160 }}
            suffix="人"
            data-testid="activity-capacity"
          />
        </Form.Item>
      </Card>

      <Card title="签到范围（可选）" style={{ marginBottom: 16 }}>
        <Form.Item
          name="geofenceEnabled"
          label="限定签到位置"
          valuePropName="checked"
          extra="开启后，志愿者扫码签到、签退时须在此范围内（小程序会请求定位权限）。"
        >
          <Switch checkedChildren="开启" unCheckedChildren="不限" data-testid="activity-geofence-enabled" />
        </Form.Item>
        {geofenceEnabled && (
          <>
            <Row gutter={24}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="lat"
                  label="纬度"
                  rules={[
                    { required: true, message: '请输入纬度' },
                    { type: 'number', min: -90, max: 90, message: fieldProblem('lat') },
                  ]}
                >
                  <InputNumber
                    step={0.000001}
                    precision={6}
                    style={{ width: '100%' }}
                    placeholder="例如 30.658600"
                    data-testid="activity-lat"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="lng"
                  label="经度"
                  rules={[
                    { required: true, message: '请输入经度' },
                    { type: 'number', min: -180, max: 180, message: fieldProblem('lng') },
                  ]}
                >
                  <InputNumber
                    step={0.000001}
                    precision={6}
                    style={{ width: '100%' }}
                    placeholder="例如 104.064700"
                    data-testid="activity-lng"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="radiusM"
                  label="半径"
                  rules={[
                    { required: true, message: '请输入半径' },
                    {
                      type: 'integer',
                      min: GEOFENCE_RADIUS_MIN,
                      max: GEOFENCE_RADIUS_MAX,
                      message: fieldProblem('radiusM'),
                    },
                  ]}
                >
                  <InputNumber
                    min={GEOFENCE_RADIUS_MIN}
                    max={GEOFENCE_RADIUS_MAX}
                    precision={0}
                    style={{ width: '100%' }}
                    suffix="米"
                    data-testid="activity-radius"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Button
                icon={<AimOutlined />}
                loading={locating}
                onClick={fillCurrentLocation}
                data-testid="activity-use-location"
              >
                使用当前位置
              </Button>
              <Typography.Text type="secondary">
                请在活动现场点击，或从地图应用中复制经纬度（GCJ-02 与 WGS-84 约有数百米偏差，半径请留足余量）。
              </Typography.Text>
              {locationError && (
                <Alert type="warning" showIcon title={locationError} data-testid="activity-location-error" />
              )}
            </Space>
          </>
        )}
      </Card>

      <Flex justify="flex-end" gap={12} wrap>
        <Button onClick={() => navigate('/activities')} disabled={busy !== null}>
          取消
        </Button>
        <Button
          type={isDraft ? 'default' : 'primary'}
          loading={busy === 'save'}
          onClick={() => submit('save')}
          data-testid="activity-save"
        >
          {isDraft ? '保存草稿' : '保存修改'}
        </Button>
        {isDraft && (
          <Button
            type="primary"
            loading={busy === 'publish'}
            onClick={() => submit('publish')}
            data-testid="activity-save-publish"
          >
            保存并发布
          </Button>
        )}
      </Flex>
    </Form>
  );
}

/** /activities/new and /activities/:id/edit. */
export function ActivityEditorPage() {
  const navigate = useNavigate();
  const params = useParams();
  const isNew = params.id === undefined;
  const activityId = isNew ? undefined : routeId(params.id);
  const validId = activityId !== null;
  const activity = useActivity(activityId ?? undefined);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/activities')}>
      返回列表
    </Button>
  );

  let content;
  if (!validId) content = <Result status="404" title="找不到这个活动" extra={back} />;
  else if (isNew) content = <ActivityEditor key="new" activity={null} />;
  else if (activity.isPending) content = <PageLoading text="正在加载活动…" />;
  else if (activity.isError) content = <LoadFailed title="活动加载失败" error={activity.error} extra={back} />;
  else if (activity.data.status === 'settled' || activity.data.status === 'cancelled' || hasEnded(activity.data))
    content = <Result status="info" title={`这个活动${activityStatusText(activity.data)}，不能再修改`} extra={back} />;
  else content = <ActivityEditor key={activity.data.id} activity={activity.data} />;

  return (
    <>
      <PageHeader
        title={isNew ? '新建志愿活动' : '编辑志愿活动'}
        description={
          activity.data?.status === 'published'
            ? '活动已发布：修改时间或名额会重新检查，已报名的志愿者保留。'
            : '先保存草稿，确认无误后发布；发布后志愿者即可报名。'
        }
        extra={back}
      />
      {content}
    </>
  );
}
