import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  NOTICE_BODY_MAX,
  NOTICE_TITLE_MAX,
  noticeCategories,
  noticeCategoryLabels,
  noticeStatusLabels,
  type NoticeView,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { NoticeMarkdown } from '../components/notice-markdown';
import { usePublishConfirm } from '../components/use-publish-confirm';
import { useBuildings } from '../hooks/useBuildings';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useNotice, usePublishNotice, useSaveNotice } from '../hooks/useNotices';
import { PageHeader } from '../layout/page-header';
import { communityNowWallClock } from '../lib/dayjs';
import { audienceLabel } from '../lib/notice-format';
import {
  NOTICE_BODY_MAX_BYTES,
  emptyNoticeForm,
  fieldOfErrorCode,
  fieldProblem,
  formFieldOf,
  formValuesToRequest,
  noticeToFormValues,
  utf8Length,
  type NoticeFormValues,
} from '../lib/notice-form';
import { showServerError as showFormServerError } from '../lib/form';
import { LoadFailed, PageLoading, routeId } from '../components/load-states';

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';
const MARKDOWN_HINT =
  '支持 Markdown：# 标题、**加粗**、- 列表、1. 编号、> 引用、[链接文字](https://…)、表格；不支持 HTML。';

const categoryOptions = noticeCategories.map((value) => ({ value, label: noticeCategoryLabels[value] }));

/** Days before today (community time) cannot be picked. */
function beforeToday(current: Dayjs): boolean {
  return current.isBefore(communityNowWallClock().startOf('day'));
}

type Intent = 'draft' | 'publish';

function NoticeEditor({ notice }: { notice: NoticeView | null }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const scope = useCommunityScope();
  const [form] = Form.useForm<NoticeFormValues>();
  const save = useSaveNotice();
  const publish = usePublishNotice();
  const confirmPublish = usePublishConfirm();
  const [busy, setBusy] = useState<Intent | null>(null);
  // The id once the draft exists, so that a retry after a failed publish edits it instead of creating another.
  const savedId = useRef<number | undefined>(notice?.id);

  const communityId = notice?.communityId ?? scope.community?.id;
  const communityName = (scope.canSwitch ? scope.communities.find((c) => c.id === communityId) : scope.community)?.name;
  const buildings = useBuildings(communityId);
  const scheduledNotice = notice?.status === 'scheduled';

  const audienceMode = Form.useWatch('audienceMode', form);
  const publishMode = Form.useWatch('publishMode', form);
  const body = Form.useWatch('body', form) ?? '';
  const previewSource = useDeferredValue(body);

  // An admin who switches community while writing a new notice: the chosen buildings belong to the old one.
  const previousCommunity = useRef(communityId);
  useEffect(() => {
    if (notice || previousCommunity.current === communityId) return;
    previousCommunity.current = communityId;
    form.setFieldValue('audienceBuildingIds', []);
  }, [communityId, notice, form]);

  const showServerError = (error: unknown, prefix: string) =>
    showFormServerError(form, message, { formFieldOf, fieldProblem, fieldOfErrorCode }, error, prefix);

  const submit = async (intent: Intent) => {
    try {
      await form.validateFields();
    } catch {
      message.warning('请先修改标红的内容');
      return;
    }
    // Fields hidden by the current choices (e.g. the buildings when 全社区) are kept by the form: read them all.
    const values = form.getFieldsValue(true) as NoticeFormValues;
    if (values.audienceMode === 'buildings' && values.audienceBuildingIds.length === 0) {
      // The building list may not have loaded: never fall back to the whole community silently.
      message.warning('请至少选择一个楼栋，或选择全社区');
      return;
    }
    const input = formValuesToRequest(values);

    if (intent === 'publish') {
      const confirmed = await confirmPublish({
        title: input.title,
        audience:
          values.audienceMode === 'community'
            ? `全社区${communityName ? `（${communityName}）` : ''}的已认证居民`
            : `${audienceLabel(input.audienceBuildingIds ?? [], buildings.data)}的已认证居民`,
        requiresAck: values.requiresAck,
        publishAt: input.publishAt ?? null,
        expiresAt: input.expiresAt ?? null,
        alreadyScheduled: scheduledNotice,
      });
      if (!confirmed) return;
    }

    setBusy(intent);
    try {
      let saved: NoticeView;
      try {
        saved = await save.mutateAsync({ noticeId: savedId.current, input });
        savedId.current = saved.id;
      } catch (error) {
        showServerError(error, '保存失败');
        return;
      }

      if (intent === 'draft' || saved.status !== 'draft') {
        // A scheduled notice is saved as it stands: it is already on its way.
        message.success(saved.status === 'draft' ? '草稿已保存' : '修改已保存');
        if (saved.status !== 'draft') void navigate(`/notices?status=${saved.status}`);
        else if (!notice) void navigate(`/notices/${saved.id}/edit`, { replace: true });
        return;
      }

      try {
        const published = await publish.mutateAsync(saved.id);
        message.success(published.status === 'scheduled' ? '已定时发布' : '公告已发布');
        void navigate(`/notices?status=${published.status}`);
      } catch (error) {
        showServerError(error, '草稿已保存，但发布失败');
        if (!notice) void navigate(`/notices/${saved.id}/edit`, { replace: true });
      }
    } finally {
      setBusy(null);
    }
  };

  const validatePublishAt = async (_: unknown, value: Dayjs | null) => {
    if (form.getFieldValue('publishMode') !== 'scheduled') return;
    if (!value) throw new Error('请选择发布时间');
    if (!value.isAfter(communityNowWallClock())) throw new Error('定时发布的时间需晚于现在');
  };

  const validateExpiresAt = async (_: unknown, value: Dayjs | null) => {
    if (!value) return;
    const now = communityNowWallClock();
    if (!value.isAfter(now)) throw new Error('过期时间需晚于现在');
    const publishAt: Dayjs | null = form.getFieldValue('publishAt');
    if (form.getFieldValue('publishMode') === 'scheduled' && publishAt && !value.isAfter(publishAt)) {
      throw new Error('过期时间需晚于发布时间');
    }
  };

  const validateBodyBytes = async (_: unknown, value: string | undefined) => {
    if (value && utf8Length(value) > NOTICE_BODY_MAX_BYTES)
      throw new Error('正文过长（表情符号占用较多空间），请删减一些内容');
  };

  return (
    <Form<NoticeFormValues>
      form={form}
      layout="vertical"
      initialValues={notice ? noticeToFormValues(notice) : emptyNoticeForm}
      disabled={busy !== null}
      data-testid="notice-form"
    >
      <Card title="基本信息" style={{ marginBottom: 16 }}>
        {scope.canSwitch && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              notice ? `所属社区：${communityName ?? '—'}` : `将发布到：${communityName ?? '—'}（可在页面顶部切换社区）`
            }
          />
        )}
        <Form.Item
          name="title"
          label="标题"
          rules={[
            { required: true, whitespace: true, message: '请输入标题' },
            { max: NOTICE_TITLE_MAX, message: `标题不能超过 ${NOTICE_TITLE_MAX} 个字` },
          ]}
        >
          <Input
            showCount
            maxLength={NOTICE_TITLE_MAX}
            placeholder="例如：12月3日停水通知"
            data-testid="notice-title"
          />
        </Form.Item>

        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="category" label="分类" rules={[{ required: true, message: '请选择分类' }]}>
              <Select options={categoryOptions} data-testid="notice-category" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="pinned" label="置顶" valuePropName="checked" tooltip="置顶的公告排在居民公告列表最前面">
              <Switch checkedChildren="置顶" unCheckedChildren="不置顶" data-testid="notice-pinned" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="requiresAck"
              label="需确认"
              valuePropName="checked"
              tooltip="开启后居民需点击「已知晓」，统计页可查看未确认的住户，便于上门提醒"
            >
              <Switch checkedChildren="需确认" unCheckedChildren="无需确认" data-testid="notice-requires-ack" />
            </Form.Item>
          </Col>
        </Row>

        <Form.Item name="audienceMode" label="发送对象" required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'community', label: '全社区' },
              { value: 'buildings', label: '指定楼栋' },
            ]}
            data-testid="notice-audience-mode"
          />
        </Form.Item>
        {audienceMode === 'buildings' &&
          (buildings.isSuccess && buildings.data.length > 0 ? (
            <Form.Item
              name="audienceBuildingIds"
              label="选择楼栋"
              rules={[{ type: 'array', min: 1, required: true, message: '请至少选择一个楼栋' }]}
              extra="只有这些楼栋的已认证居民会收到这条公告。"
            >
              <Checkbox.Group
                options={buildings.data.map((building) => ({ value: building.id, label: building.name }))}
                data-testid="notice-audience-buildings"
              />
            </Form.Item>
          ) : (
            <Form.Item label="选择楼栋" required>
              {buildings.isError ? (
                <Alert
                  type="error"
                  showIcon
                  title={`楼栋加载失败：${buildings.error.message}`}
                  action={
                    <Button size="small" onClick={() => buildings.refetch()}>
                      重试
                    </Button>
                  }
                />
              ) : buildings.isSuccess ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本社区还没有楼栋，请选择全社区" />
              ) : (
                <Spin size="small" />
              )}
            </Form.Item>
          ))}

        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item name="publishMode" label="发布时间" required extra="时间均为北京时间（Asia/Shanghai）。">
              <Radio.Group
                options={[
                  { value: 'now', label: '立即（点击发布时）' },
                  { value: 'scheduled', label: '定时' },
                ]}
                onChange={() => form.validateFields(['expiresAt']).catch(() => undefined)}
                data-testid="notice-publish-mode"
              />
            </Form.Item>
            {publishMode === 'scheduled' && (
              <Form.Item name="publishAt" label="定时发布于" required rules={[{ validator: validatePublishAt }]}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={PICKER_FORMAT}
                  disabledDate={beforeToday}
                  placeholder="选择发布时间"
                  style={{ width: 220 }}
                  data-testid="notice-publish-at"
                />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="expiresAt"
              label="过期时间"
              dependencies={['publishAt', 'publishMode']}
              rules={[{ validator: validateExpiresAt }]}
              extra="可不填；过期后居民不再看到这条公告。"
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format={PICKER_FORMAT}
                disabledDate={beforeToday}
                placeholder="不过期"
                allowClear
                style={{ width: 220 }}
                data-testid="notice-expires-at"
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card
        title="正文"
        style={{ marginBottom: 16 }}
        extra={<Typography.Text type="secondary">{MARKDOWN_HINT}</Typography.Text>}
      >
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item
              name="body"
              rules={[
                { required: true, whitespace: true, message: '请输入正文' },
                { max: NOTICE_BODY_MAX, message: `正文不能超过 ${NOTICE_BODY_MAX.toLocaleString('zh-CN')} 个字` },
                { validator: validateBodyBytes },
              ]}
            >
              <Input.TextArea
                showCount
                maxLength={NOTICE_BODY_MAX}
                autoSize={{ minRows: 16, maxRows: 32 }}
                placeholder={'例如：\n## 停水时间\n12月3日 8:00–18:00\n\n## 影响范围\n- 1号楼\n- 2号楼\n\n请提前储水。'}
                data-testid="notice-body"
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              预览（居民看到的样子）
            </Typography.Text>
            <div className="notice-preview">
              <NoticeMarkdown source={previewSource} testId="notice-preview" />
            </div>
          </Col>
        </Row>
      </Card>

      <div className="notice-editor-actions">
        <Flex justify="flex-end" gap={12} wrap>
          <Button onClick={() => navigate('/notices')} disabled={busy !== null}>
            取消
          </Button>
          {scheduledNotice ? (
            <Button
              type="primary"
              loading={busy === 'publish'}
              onClick={() => submit('publish')}
              data-testid="notice-save-scheduled"
            >
              保存修改
            </Button>
          ) : (
            <>
              <Button loading={busy === 'draft'} onClick={() => submit('draft')} data-testid="notice-save-draft">
                保存草稿
              </Button>
              <Button
                type="primary"
                loading={busy === 'publish'}
                onClick={() => submit('publish')}
                data-testid="notice-save-publish"
              >
                保存并发布
              </Button>
            </>
          )}
        </Flex>
      </div>
    </Form>
  );
}

/** /notices/new and /notices/:id/edit. */
export function NoticeEditorPage() {
  const navigate = useNavigate();
  const params = useParams();
  const isNew = params.id === undefined;
  const noticeId = isNew ? undefined : routeId(params.id);
  const validId = noticeId !== null;
  const notice = useNotice(noticeId ?? undefined);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/notices')}>
      返回列表
    </Button>
  );

  let content;
  if (!validId) {
    content = <Result status="404" title="找不到这条公告" extra={back} />;
  } else if (isNew) {
    content = <NoticeEditor key="new" notice={null} />;
  } else if (notice.isPending) {
    content = <PageLoading text="正在加载公告…" />;
  } else if (notice.isError) {
    content = <LoadFailed title="公告加载失败" error={notice.error} extra={back} />;
  } else if (notice.data.status === 'published' || notice.data.status === 'archived') {
    content = (
      <Result
        status="info"
        title={`这条公告${noticeStatusLabels[notice.data.status]}，不能再修改`}
        subTitle="居民可能已经阅读或确认过它。如需更正，请归档后重新发布一条。"
        extra={
          <Space>
            {back}
            <Button type="primary" onClick={() => navigate(`/notices/${notice.data.id}/stats`)}>
              查看统计
            </Button>
          </Space>
        }
      />
    );
  } else {
    content = <NoticeEditor key={notice.data.id} notice={notice.data} />;
  }

  return (
    <>
      <PageHeader
        title={isNew ? '新建公告' : '编辑公告'}
        description={
          notice.data?.status === 'scheduled'
            ? '这条公告已定时发布，到发布时间前仍可修改。'
            : '先保存草稿，确认无误后再发布；发布后内容不能再修改。'
        }
        extra={back}
      />
      {content}
    </>
  );
}
