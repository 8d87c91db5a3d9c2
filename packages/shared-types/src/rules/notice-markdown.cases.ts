import type { MarkdownNode } from './notice-markdown.js';

/*
 * The cases every renderer of notice bodies must pass: the shared-types suite runs them against the
 * parser, the mini-app suite against what RichText gets, the console suite against the preview's HTML.
 * `html` is the node tree written as markup (classes only on spans), as `markdownHtml` below writes it.
 * Imported by tests only, through `@linli/shared-types/notice-markdown.cases`.
 */
export interface NoticeMarkdownCase {
  name: string;
  source: string;
  html: string;
}

export const noticeMarkdownCases: NoticeMarkdownCase[] = [
  {
    name: 'headings (h4–h6 drawn as h3)',
    source: '# 一\n## 二\n### 三\n#### 四',
    html: '<h1>一</h1><h2>二</h2><h3>三</h3><h3>四</h3>',
  },
  { name: 'closing hashes dropped', source: '## 通知 ##', html: '<h2>通知</h2>' },
  {
    name: 'single line breaks kept, blank lines part paragraphs',
    source: '第一行\n第二行\n\n第二段',
    html: '<p>第一行<br/>第二行</p><p>第二段</p>',
  },
  { name: 'Windows line ends', source: '甲\r\n乙', html: '<p>甲<br/>乙</p>' },
  {
    name: 'emphasis of every kind',
    source: '**粗** __粗__ *斜* _斜_ ~~删~~ `代码`',
    html: '<p><strong>粗</strong> <strong>粗</strong> <em>斜</em> <em>斜</em> <del>删</del> <code>代码</code></p>',
  },
  { name: 'bold italic', source: '***重要***', html: '<p><em><strong>重要</strong></em></p>' },
  { name: 'nested emphasis', source: '**请带上*身份证***', html: '<p><strong>请带上<em>身份证</em></strong></p>' },
  {
    name: 'underscores inside words stay letters',
    source: 'snake_case_name 与 a_b_ c 与 中_文_字',
    html: '<p>snake_case_name 与 a_b_ c 与 中_文_字</p>',
  },
  { name: 'underscore emphasis beside CJK punctuation', source: '（_强调_）', html: '<p>（<em>强调</em>）</p>' },
  { name: 'a lone star is text', source: '5 * 3 = 15', html: '<p>5 * 3 = 15</p>' },
  { name: 'backslash escapes', source: '\\*不是斜体\\* \\# \\[x\\]', html: '<p>*不是斜体* # [x]</p>' },
  {
    name: 'code span keeps markup as text',
    source: '`**a**` 与 `` a`b ``',
    html: '<p><code>**a**</code> 与 <code>a`b</code></p>',
  },
  {
    name: 'bullet list with a nested list',
    source: '- 一\n- 二\n  - 二点一\n- 三',
    html: '<ul><li>一</li><li>二<ul><li>二点一</li></ul></li><li>三</li></ul>',
  },
  { name: 'star and plus bullets', source: '* 甲\n+ 乙', html: '<ul><li>甲</li><li>乙</li></ul>' },
  { name: 'numbered list keeps its start', source: '3. 三\n4. 四', html: '<ol start="3"><li>三</li><li>四</li></ol>' },
  { name: 'loose numbered list stays one list', source: '1. 一\n\n2. 二', html: '<ol><li>一</li><li>二</li></ol>' },
  { name: 'lazy continuation of an item', source: '- 报名截止\n周五', html: '<ul><li>报名截止<br/>周五</li></ul>' },
  { name: 'task items', source: '- [ ] 待办\n- [x] 完成', html: '<ul><li>☐ 待办</li><li>☑ 完成</li></ul>' },
  { name: 'quote', source: '> 引用\n> 第二行', html: '<blockquote><p>引用<br/>第二行</p></blockquote>' },
  {
    name: 'quote holding a list',
    source: '> 注意：\n> - 带伞',
    html: '<blockquote><p>注意：</p><ul><li>带伞</li></ul></blockquote>',
  },
  { name: 'rules', source: '---\n***\n_ _ _', html: '<hr/><hr/><hr/>' },
  {
    name: 'table',
    source: '| 名称 | 时间 |\n| --- | :-: |\n| 议事会 | 周六 |\n| 义诊 |',
    html: '<table><thead><tr><th>名称</th><th>时间</th></tr></thead><tbody><tr><td>议事会</td><td>周六</td></tr><tr><td>义诊</td><td></td></tr></tbody></table>',
  },
  {
    name: 'escaped pipe in a cell',
    source: 'a | b\n--|--\n1 \\| 2 | 3',
    html: '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1 | 2</td><td>3</td></tr></tbody></table>',
  },
  {
    name: 'fenced code keeps its text',
    source: '```js\nconst a = 1 < 2;\n**b**\n```',
    html: '<pre>const a = 1 &lt; 2;\n**b**</pre>',
  },
  { name: 'indented text is a paragraph, not code', source: '    缩进的一行', html: '<p>缩进的一行</p>' },
  {
    name: 'link: text, then its address',
    source: '[报名](https://example.com/a)',
    html: '<p><span class="lk-md__link">报名</span><span class="lk-md__href">（https://example.com/a）</span></p>',
  },
  {
    name: 'link whose text is its address',
    source: '[https://example.com](https://example.com)',
    html: '<p><span class="lk-md__link">https://example.com</span></p>',
  },
  {
    name: 'autolinks, mail and phone',
    source: '<https://example.com> <mailto:a@b.cn> <tel:12345>',
    html: '<p><span class="lk-md__link">https://example.com</span> <span class="lk-md__link">a@b.cn</span> <span class="lk-md__link">12345</span></p>',
  },
  {
    name: 'script links keep their text only',
    source: '[链接](javascript:alert(1))',
    html: '<p><span class="lk-md__link">链接</span></p>',
  },
  {
    name: 'images shown as their description',
    source: '![海报](https://x.cn/y.png)',
    html: '<p><span class="lk-md__span">[图片：海报]</span></p>',
  },
  { name: 'an image without a description is dropped', source: '看图![](https://x.cn/y.png)', html: '<p>看图</p>' },
  {
    name: 'raw HTML is shown as typed',
    source: '<script>alert("x")</script>\n<img src=x onerror=alert(1)>',
    html: '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br/>&lt;img src=x onerror=alert(1)&gt;</p>',
  },
  { name: 'entities are text', source: "a & b &lt; c 'd'", html: '<p>a &amp; b &amp;lt; c &#x27;d&#x27;</p>' },
  { name: 'blank source', source: '  \n\n', html: '' },
  {
    name: 'deep quotes are flattened, not nested without bound',
    source: '>>>>>>>>>> 深',
    html: '<blockquote><blockquote><blockquote><blockquote><blockquote><blockquote><p>&gt;&gt;&gt; 深</p></blockquote></blockquote></blockquote></blockquote></blockquote></blockquote>',
  },
];

const escapeText = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

/** Nodes as markup, escaped the way React writes text, with classes only on spans. */
export function markdownHtml(nodes: MarkdownNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escapeText(node.text);
      if (node.name === 'br' || node.name === 'hr') return `<${node.name}/>`;
      const start = node.attrs.start ? ` start="${node.attrs.start}"` : '';
      const cls = node.name === 'span' ? ` class="${node.attrs.class}"` : '';
      return `<${node.name}${start}${cls}>${markdownHtml(node.children)}</${node.name}>`;
    })
    .join('');
}
