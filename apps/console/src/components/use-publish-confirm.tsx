import { App, Descriptions, Typography } from 'antd';
import { formatDateTime } from '../lib/format';

export interface PublishDetails {
  title: string;
  /** "全社区（…）" or the building names. */
  audience: string;
  requiresAck: boolean;
  /** ISO instant; null or past = at once. */
  publishAt: string | null;
  expiresAt: string | null;
  /** Saving changes to a notice that is already scheduled, rather than publishing a draft. */
  alreadyScheduled?: boolean;
}

function isAhead(iso: string | null): iso is string {
  return iso !== null && new Date(iso).getTime() > Date.now();
}

/**
 * Asks staff to confirm before a notice reaches residents, saying to whom, when, and whether they
 * must confirm it. Resolves true on 确认发布.
 */
export function usePublishConfirm() {
  const { modal } = App.useApp();
  return (details: PublishDetails) =>
    new Promise<boolean>((resolve) => {
      const scheduled = isAhead(details.publishAt);
      modal.confirm({
        title: details.alreadyScheduled
          ? '保存对定时公告的修改？'
          : scheduled
            ? '确认定时发布这条公告？'
            : '确认发布这条公告？',
        width: 520,
        content: (
          <div data-testid="notice-publish-summary">
            <Descriptions
              column={1}
              size="small"
              style={{ marginTop: 12 }}
              items={[
                { key: 'title', label: '标题', children: details.title },
                {
                  key: 'audience',
                  label: '发送对象',
                  children: <span data-testid="notice-publish-audience">{details.audience}</span>,
                },
                {
                  key: 'time',
                  label: '发布时间',
                  children: scheduled ? `定时 ${formatDateTime(details.publishAt)}（北京时间）` : '立即发布',
                },
                {
                  key: 'expires',
                  label: '过期时间',
                  children: details.expiresAt ? formatDateTime(details.expiresAt) : '不过期',
                },
                {
                  key: 'ack',
                  label: '需确认',
                  children: (
                    <span data-testid="notice-publish-ack">
                      {details.requiresAck ? '是：居民需点击「已知晓」，发布时会提醒对象居民' : '否：居民阅读即可'}
                    </span>
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {scheduled ? '到发布时间前仍可修改或归档。' : '发布后居民立即可见，内容不能再修改。'}
            </Typography.Paragraph>
          </div>
        ),
        okText: details.alreadyScheduled ? '保存修改' : scheduled ? '确认定时发布' : '确认发布',
        cancelText: '再想想',
        okButtonProps: { 'data-testid': 'notice-publish-confirm' },
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
}
