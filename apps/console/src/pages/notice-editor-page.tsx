import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  NOTICE_TITLE_MAX,
  noticeCategories,
  noticeCategoryLabels,
  noticeStatusLabels,
  type NoticeView,
} from '@linli/shared-types';
import { Alert, Button, Card, Col, Form, Input, Result, Row, Select, Space, Switch } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadFailed, PageLoading, routeId } from '../components/load-states';
import { NoticeAudienceFields } from '../components/notices/notice-audience-fields';
import { NoticeBodyCard } from '../components/notices/notice-body-card';
import { NoticeEditorActions } from '../components/notices/notice-editor-actions';
import { NoticeScheduleFields } from '../components/notices/notice-schedule-fields';
import { useNotice } from '../hooks/useNotices';
import { useNoticeEditor } from '../hooks/useNoticeEditor';
import { PageHeader } from '../layout/page-header';
import { emptyNoticeForm, noticeToFormValues, type NoticeFormValues } from '../lib/notice-form';

const categoryOptions = noticeCategories.map((value) => ({ value, label: noticeCategoryLabels[value] }));

function NoticeEditor({ notice }: { notice: NoticeView | null }) {
  const navigate = useNavigate();
  const editor = useNoticeEditor(notice);
  const { form, busy, communityName } = editor;

  return (
    <Form<NoticeFormValues>
      form={form}
      layout="vertical"
      initialValues={notice ? noticeToFormValues(notice) : emptyNoticeForm}
      disabled={busy !== null}
      data-testid="notice-form"
    >
      <Card title="基本信息" style={{ marginBottom: 16 }}>
        {editor.canSwitchCommunity && (
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

        <NoticeAudienceFields mode={editor.audienceMode} buildings={editor.buildings} />
        <NoticeScheduleFields
          form={form}
          publishMode={editor.publishMode}
          validatePublishAt={editor.validatePublishAt}
          validateExpiresAt={editor.validateExpiresAt}
        />
      </Card>

      <NoticeBodyCard previewSource={editor.previewSource} />

      <NoticeEditorActions
        busy={busy}
        scheduled={editor.scheduledNotice}
        onCancel={() => void navigate('/notices')}
        onSubmit={(intent) => void editor.submit(intent)}
      />
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
