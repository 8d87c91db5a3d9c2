import { Typography } from 'antd';
import { useMemo } from 'react';
import { renderNoticeMarkdown } from '../lib/markdown';

/** A notice body as residents will read it. The HTML is produced by renderNoticeMarkdown, which sanitizes it. */
export function NoticeMarkdown({ source, testId }: { source: string; testId?: string }) {
  const html = useMemo(() => renderNoticeMarkdown(source), [source]);
  if (!source.trim()) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        正文预览会显示在这里
      </Typography.Text>
    );
  }
  return <div className="notice-markdown" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
