import { noticeMarkdownCases } from '@linli/shared-types/notice-markdown.cases';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NoticeMarkdown } from './notice-markdown';

/** The preview's markup without its wrapper and the inline styles of spans. */
const preview = (source: string) =>
  renderToStaticMarkup(<NoticeMarkdown source={source} />)
    .replace(/^<div class="notice-markdown">|<\/div>$/g, '')
    .replace(/ style="[^"]*"/g, '');

describe('NoticeMarkdown draws what residents read (the shared cases)', () => {
  it.each(noticeMarkdownCases.filter((c) => c.source.trim()).map((c) => [c.name, c] as const))(
    '%s',
    (_name, { source, html }) => expect(preview(source)).toBe(html),
  );

  it('shows a hint instead of a blank preview', () => {
    expect(renderToStaticMarkup(<NoticeMarkdown source={'  \n'} testId="p" />)).toContain('正文预览会显示在这里');
  });

  it('never writes an event handler, a link or an image from the source', () => {
    const html = renderToStaticMarkup(
      <NoticeMarkdown source={'<a href="javascript:x" onclick="y">a</a> [b](javascript:z) ![c](http://e/i.png)'} />,
    );
    expect(html).not.toMatch(/<a[\s>]|<img| (onclick|href)="/);
    expect(html).toContain('&lt;a href=&quot;javascript:x&quot;');
  });
});
