import { renderNoticeMarkdown, type MarkdownNode } from '@linli/shared-types';
import { Typography } from 'antd';
import { createElement, useMemo, type CSSProperties, type ReactNode } from 'react';

/*
 * A notice body as residents will read it: the mini-app's parser (shared-types) gives a node tree,
 * drawn here as React elements. Text goes in as React text (escaped by React), tags come from the
 * parser's fixed list and no attribute but a list's start, so there is no HTML string to sanitize.
 * Links show their address beside the text, images their description, as in the mini-app.
 */
const spanStyles: Record<string, CSSProperties> = {
  'lk-md__link': { color: '#1677ff' },
  'lk-md__href': { color: 'rgba(0, 0, 0, 0.45)', fontSize: '0.85em', wordBreak: 'break-all' },
  'lk-md__span': { color: 'rgba(0, 0, 0, 0.45)' },
};

function draw(nodes: MarkdownNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === 'text') return node.text;
    const props: { key: number; start?: number; className?: string; style?: CSSProperties } = { key: index };
    if (node.attrs.start) props.start = Number(node.attrs.start);
    // Tags are styled by `.notice-markdown <tag>`; spans (links, addresses, images) by their class.
    if (node.name === 'span') {
      props.className = node.attrs.class;
      props.style = spanStyles[node.attrs.class];
    }
    if (node.name === 'br' || node.name === 'hr') return createElement(node.name, props);
    return createElement(node.name, props, ...draw(node.children));
  });
}

export function NoticeMarkdown({ source, testId }: { source: string; testId?: string }) {
  const body = useMemo(() => draw(renderNoticeMarkdown(source)), [source]);
  if (!source.trim()) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        正文预览会显示在这里
      </Typography.Text>
    );
  }
  return (
    <div className="notice-markdown" data-testid={testId}>
      {body}
    </div>
  );
}
