import { NOTICE_BODY_MAX } from '@linli/shared-types';
import { Card, Col, Form, Input, Row, Typography } from 'antd';
import { NOTICE_BODY_MAX_BYTES, utf8Length } from '../../lib/notice-form';
import { NoticeMarkdown } from '../notice-markdown';

const MARKDOWN_HINT =
  '支持 Markdown：# 标题、**加粗**、- 列表、1. 编号、> 引用、[链接文字](https://…)、表格；不支持 HTML。';

const validateBodyBytes = async (_: unknown, value: string | undefined) => {
  if (value && utf8Length(value) > NOTICE_BODY_MAX_BYTES)
    throw new Error('正文过长（表情符号占用较多空间），请删减一些内容');
};

/** 正文: the Markdown source beside its preview, drawn as residents will read it. */
export function NoticeBodyCard({ previewSource }: { previewSource: string }) {
  return (
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
  );
}
