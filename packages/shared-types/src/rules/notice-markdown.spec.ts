import { markdownHtml, noticeMarkdownCases } from './notice-markdown.cases.js';
import { renderNoticeMarkdown, type MarkdownNode } from './notice-markdown.js';

describe('renderNoticeMarkdown (the shared cases)', () => {
  it.each(noticeMarkdownCases.map((c) => [c.name, c]))('%s', (_name, { source, html }) =>
    expect(markdownHtml(renderNoticeMarkdown(source))).toBe(html),
  );
});

const texts = (nodes: MarkdownNode[]): string[] =>
  nodes.flatMap((node) => (node.type === 'text' ? [node.text] : texts(node.children)));

const depthOf = (nodes: MarkdownNode[]): number =>
  Math.max(0, ...nodes.map((node) => (node.type === 'text' ? 0 : 1 + depthOf(node.children))));

describe('renderNoticeMarkdown safety', () => {
  it('gives every element our own class and no other attribute but a list start', () => {
    const walk = (nodes: MarkdownNode[]): void =>
      nodes.forEach((node) => {
        if (node.type === 'text') return;
        expect(Object.keys(node.attrs).filter((key) => key !== 'class' && key !== 'start')).toEqual([]);
        expect(node.attrs.class).toMatch(/^lk-md__[a-z0-9]+$/);
        walk(node.children);
      });
    walk(
      renderNoticeMarkdown(
        '# t\n\n- [a](https://x.cn) **b** `c`\n\n3. d\n\n> e\n\n| f |\n|---|\n| g |\n\n<b onclick=x>h</b>',
      ),
    );
  });

  it('escapes & in text nodes only when asked (weapp decodes entities)', () => {
    expect(texts(renderNoticeMarkdown('a &lt; b', { escapeEntities: true }))).toEqual(['a &amp;lt; b']);
    expect(texts(renderNoticeMarkdown('a &lt; b'))).toEqual(['a &lt; b']);
  });

  it('bounds the tree however deep the source nests', () => {
    expect(depthOf(renderNoticeMarkdown('>'.repeat(200) + ' x'))).toBeLessThanOrEqual(8);
    expect(depthOf(renderNoticeMarkdown('*'.repeat(40) + 'x' + '*'.repeat(40)))).toBeLessThanOrEqual(8);
    const nested = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2)}- ${i}`).join('\n');
    expect(depthOf(renderNoticeMarkdown(nested))).toBeLessThanOrEqual(2 * 8 + 2);
  });

  it('finishes quickly on hostile input', () => {
    const started = Date.now();
    renderNoticeMarkdown('!['.repeat(20_000));
    renderNoticeMarkdown('['.repeat(10_000) + ']('.repeat(10_000));
    renderNoticeMarkdown('_a'.repeat(20_000));
    renderNoticeMarkdown('**'.repeat(10_000) + 'x');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps an unclosed fence to the end as code', () => {
    expect(markdownHtml(renderNoticeMarkdown('```\na\nb'))).toBe('<pre>a\nb</pre>');
  });
});
