import { markdownHtml, noticeMarkdownCases } from '@linli/shared-types/notice-markdown.cases';
import { describe, expect, it } from 'vitest';
import { renderNoticeMarkdown } from './notice-markdown';

type Nodes = ReturnType<typeof renderNoticeMarkdown>;
const texts = (nodes: Nodes): string[] =>
  nodes.flatMap((node) => (node.type === 'text' ? [node.text] : texts(node.children)));

describe('notice bodies as RichText nodes (the shared cases)', () => {
  it.each(noticeMarkdownCases.map((c) => [c.name, c] as const))('%s', (_name, { source, html }) =>
    expect(markdownHtml(renderNoticeMarkdown(source))).toBe(html),
  );
});

describe('notice bodies on weapp (escapeEntities)', () => {
  it('keeps typed entities as typed once weapp decodes them', () => {
    expect(texts(renderNoticeMarkdown('a &lt; b &amp; c', { escapeEntities: true }))).toEqual([
      'a &amp;lt; b &amp;amp; c',
    ]);
  });

  it('escapes code and table text too', () => {
    const nodes = renderNoticeMarkdown('`&nbsp;`\n\n| &copy; |\n|---|\n| x |', { escapeEntities: true });
    expect(texts(nodes)).toEqual(['&amp;nbsp;', '&amp;copy;', 'x']);
  });

  it('gives RichText only its own tags and class names', () => {
    const names = new Set<string>();
    const walk = (nodes: Nodes) =>
      nodes.forEach((node) => {
        if (node.type === 'text') return;
        names.add(node.name);
        expect(node.attrs.class).toBe(node.name === 'span' ? node.attrs.class : `lk-md__${node.name}`);
        walk(node.children);
      });
    walk(renderNoticeMarkdown('<iframe src=x></iframe>\n\n<a href=y>z</a>\n\n# t\n\n- a\n\n[b](https://c.cn)'));
    expect([...names].sort()).toEqual(['h1', 'li', 'p', 'span', 'ul']);
  });
});
