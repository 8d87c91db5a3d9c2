/*
 * Notice bodies (a Markdown subset written by staff) → a node tree: RichText nodes in the mini-app,
 * React elements in the console preview (one parser, so the preview is what residents read).
 *
 * Written here rather than taken from a library: RichText on weapp wants a node tree (no DOM, so no
 * DOMPurify), and `marked` (the console's parser until both clients shared this one) uses RegExp look-behind, a syntax error that
 * would stop the whole app on iOS before 16.4. Building nodes instead of an HTML string is also the
 * safety: every piece of the source ends up as a text node, tags come only from the fixed list below,
 * and the only attributes are our own class names (and `start` of a numbered list). Raw HTML in a body
 * therefore shows as the text that was typed. Links are shown as text (with their address), images
 * as their description: a mini-program cannot open web pages or load unlisted image domains.
 *
 * Supported: # headings, paragraphs (single line breaks kept), **bold**, __bold__, *italic*, _italic_,
 * ***both***, ~~struck~~, `code`, fenced code blocks, - / 1. lists (nested by indentation), - [ ] / - [x]
 * task items, > quotes, ---, GFM tables, [links](url), <autolinks>, ![images](url), backslash escapes.
 */

export interface MarkdownTextNode {
  type: 'text';
  text: string;
}

export interface MarkdownElementNode {
  type: 'node';
  name: AllowedTag;
  attrs: { class: string; start?: string };
  children: MarkdownNode[];
}

export type MarkdownNode = MarkdownTextNode | MarkdownElementNode;

type AllowedTag =
  | 'h1'
  | 'h2'
  | 'h3'
  | 'p'
  | 'br'
  | 'hr'
  | 'strong'
  | 'em'
  | 'del'
  | 'code'
  | 'pre'
  | 'blockquote'
  | 'ul'
  | 'ol'
  | 'li'
  | 'span'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td';

export interface MarkdownOptions {
  /**
   * weapp decodes HTML entities in text nodes: escape `&` there so "&lt;" stays the four characters
   * typed. Taro's h5 RichText shows text as is.
   */
  escapeEntities?: boolean;
}

/** Deeper quotes and lists are flattened into text: no body can build an unbounded tree. */
const MAX_DEPTH = 6;

const el = (name: AllowedTag, children: MarkdownNode[] = [], extra: { start?: string } = {}): MarkdownElementNode => ({
  type: 'node',
  name,
  attrs: { class: `lk-md__${name}`, ...extra },
  children,
});

interface Context {
  text(value: string): MarkdownTextNode;
}

export function renderNoticeMarkdown(source: string, options: MarkdownOptions = {}): MarkdownNode[] {
  const context: Context = {
    text: (value) => ({ type: 'text', text: options.escapeEntities ? value.replace(/&/g, '&amp;') : value }),
  };
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  return parseBlocks(lines, context, 0);
}

// ---- blocks -------------------------------------------------------------------------------------

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const BULLET = /^( {0,3})([-*+])[ \t]+(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})[.)][ \t]+(.*)$/;
const TABLE_DIVIDER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const isBlank = (line: string) => line.trim() === '';

function listMarker(line: string): { ordered: boolean; indent: number; start: number; content: string } | null {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, indent: bullet[1].length, start: 1, content: bullet[3] };
  const ordered = ORDERED.exec(line);
  if (ordered) return { ordered: true, indent: ordered[1].length, start: Number(ordered[2]), content: ordered[3] };
  return null;
}

function startsBlock(line: string, next: string | undefined): boolean {
  return (
    HEADING.test(line) ||
    RULE.test(line) ||
    FENCE.test(line) ||
    QUOTE.test(line) ||
    listMarker(line) !== null ||
    (line.includes('|') && next !== undefined && TABLE_DIVIDER.test(next) && next.includes('-'))
  );
}

function parseBlocks(lines: string[], context: Context, depth: number): MarkdownNode[] {
  const nodes: MarkdownNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++; // the closing fence (or the end)
      nodes.push(el('pre', [context.text(body.join('\n'))]));
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1].length;
      nodes.push(el(level === 1 ? 'h1' : level === 2 ? 'h2' : 'h3', parseInline(heading[2], context, 0)));
      i++;
      continue;
    }

    if (RULE.test(line)) {
      nodes.push(el('hr'));
      i++;
      continue;
    }

    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !isBlank(lines[i])) {
        const quoted = QUOTE.exec(lines[i]);
        inner.push(quoted ? quoted[1] : lines[i]);
        i++;
      }
      nodes.push(
        depth < MAX_DEPTH
          ? el('blockquote', parseBlocks(inner, context, depth + 1))
          : el('p', paragraph(inner, context)),
      );
      continue;
    }

    const marker = listMarker(line);
    if (marker) {
      i = parseList(lines, i, marker.ordered, nodes, context, depth);
      continue;
    }

    if (line.includes('|') && i + 1 < lines.length && TABLE_DIVIDER.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      i = parseTable(lines, i, nodes, context);
      continue;
    }

    const text: string[] = [line];
    i++;
    while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines[i], lines[i + 1])) text.push(lines[i++]);
    nodes.push(el('p', paragraph(text, context)));
  }
  return nodes;
}

/** Lines of one paragraph; a single line break stays a line break (staff type notices like letters). */
function paragraph(lines: string[], context: Context): MarkdownNode[] {
  const nodes: MarkdownNode[] = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push(el('br'));
    nodes.push(...parseInline(line.trim(), context, 0));
  });
  return nodes;
}

/** Items of one list; an item's further lines are those indented past its marker (nested lists included). */
function parseList(
  lines: string[],
  from: number,
  ordered: boolean,
  out: MarkdownNode[],
  context: Context,
  depth: number,
): number {
  const items: MarkdownNode[] = [];
  const first = listMarker(lines[from])!;
  let i = from;
  while (i < lines.length) {
    const marker = listMarker(lines[i]);
    if (!marker || marker.ordered !== ordered) break;
    // GFM task items: a box drawn as text, ticked or not (RichText has no inputs).
    const content: string[] = [marker.content.replace(/^\[ \][ \t]+/, '☐ ').replace(/^\[[xX]\][ \t]+/, '☑ ')];
    i++;
    let blankSeen = false;
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        blankSeen = true;
        i++;
        continue;
      }
      const indent = line.length - line.trimStart().length;
      const nested = indent >= 2;
      // A lazy continuation line of the item's text, or a line indented under it.
      if (nested || (!blankSeen && !startsBlock(line, lines[i + 1]))) {
        if (blankSeen) content.push('');
        content.push(nested ? line.slice(Math.min(indent, marker.indent + 4)) : line);
        blankSeen = false;
        i++;
        continue;
      }
      break;
    }
    items.push(el('li', listItem(content, context, depth)));
    const next = i < lines.length ? listMarker(lines[i]) : null;
    if (!next || next.ordered !== ordered) break;
  }
  out.push(ordered ? el('ol', items, first.start !== 1 ? { start: String(first.start) } : {}) : el('ul', items));
  return i;
}

function listItem(content: string[], context: Context, depth: number): MarkdownNode[] {
  const simple = content.every((line) => !isBlank(line) && !startsBlock(line, undefined));
  if (simple || depth >= MAX_DEPTH)
    return paragraph(
      content.filter((line) => !isBlank(line)),
      context,
    );
  const blocks = parseBlocks(content, context, depth + 1);
  // A tight item's first paragraph sits inline, as browsers draw "- text".
  if (blocks.length && blocks[0].type === 'node' && blocks[0].name === 'p') {
    return [...blocks[0].children, ...blocks.slice(1)];
  }
  return blocks;
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let k = 0; k < row.length; k++) {
    if (row[k] === '\\' && row[k + 1] === '|') {
      cell += '|';
      k++;
    } else if (row[k] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += row[k];
    }
  }
  cells.push(cell.trim());
  return cells;
}

function parseTable(lines: string[], from: number, out: MarkdownNode[], context: Context): number {
  const header = splitRow(lines[from]);
  const columns = header.length;
  const cellsOf = (cells: string[], tag: 'th' | 'td') =>
    Array.from({ length: columns }, (_, c) => el(tag, parseInline(cells[c] ?? '', context, 0)));
  const body: MarkdownNode[] = [];
  let i = from + 2;
  while (i < lines.length && !isBlank(lines[i]) && lines[i].includes('|'))
    body.push(el('tr', cellsOf(splitRow(lines[i++]), 'td')));
  out.push(el('table', [el('thead', [el('tr', cellsOf(header, 'th'))]), el('tbody', body)]));
  return i;
}

// ---- inline -------------------------------------------------------------------------------------

/*
 * One scan left to right for the earliest of: escape, code span, image, link, autolink, bold,
 * strike, italic. No look-behind (see the top of the file); bounded repeats keep a hostile line of
 * 20,000 "![" from scanning to its end from every position.
 */
const INLINE = new RegExp(
  [
    String.raw`\\([\\\x60*_{}[\]()#+\-.!~>|<])`, // 1 escaped character
    String.raw`(\x60+)([^\x60]|[^\x60][\s\S]*?[^\x60])\2(?!\x60)`, // 2 fence, 3 code
    String.raw`!\[([^\]]{0,200})\]\(([^()\s]{0,2000})(?:\s+"[^"]{0,200}")?\)`, // 4 alt, 5 src
    String.raw`\[((?:[^[\]]|\[[^\]]{0,200}\]){1,200})\]\(([^()\s]{0,2000}(?:\([^()\s]{0,200}\))?[^()\s]{0,200})(?:\s+"[^"]{0,200}")?\)`, // 6 text, 7 href
    String.raw`<((?:https?:\/\/|mailto:|tel:)[^>\s]{1,2000})>`, // 8 autolink
    String.raw`\*\*\*(?=\S)([\s\S]*?\S)\*\*\*`, // 9 bold italic
    String.raw`(\*\*|__)(?=\S)([\s\S]*?\S)\10(?![*_])`, // 10 marker, 11 bold (**a *b*** closes last)
    String.raw`~~(?=\S)([\s\S]*?\S)~~`, // 12 struck
    String.raw`\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)`, // 13 italic
    String.raw`_(?=[^\s_])([\s\S]*?[^\s_])_`, // 14 italic, only between spaces or punctuation (snake_case stays)
  ].join('|'),
  'g',
);

const SHOWN_LINK = /^(https?:\/\/|mailto:|tel:)/i;
const FLANK = /[\s!-/:-@[-`{-~\u3000-\u303f\uff00-\uffef]/;

/** Before or after an `_` emphasis: the edge of the text, a space or punctuation (ASCII or CJK). */
const flanked = (char: string | undefined) => char === undefined || FLANK.test(char);

function parseInline(source: string, context: Context, depth: number): MarkdownNode[] {
  if (depth >= MAX_DEPTH) return source ? [context.text(source)] : [];
  const nodes: MarkdownNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(context.text(plain));
    plain = '';
  };
  const pattern = new RegExp(INLINE.source, 'g');
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source)) !== null) {
    plain += source.slice(last, match.index);
    last = pattern.lastIndex;
    const [, escaped, , code, alt, , linkText, href, autolink, boldItalic, , bold, struck, italic, underscored] = match;
    if (underscored !== undefined && !(flanked(source[match.index - 1]) && flanked(source[pattern.lastIndex]))) {
      // `_` inside a word is a letter (file_name_v2), as in CommonMark: keep it and scan on after it.
      plain += '_';
      last = pattern.lastIndex = match.index + 1;
    } else if (escaped !== undefined) {
      plain += escaped;
    } else if (code !== undefined) {
      flush();
      nodes.push(el('code', [context.text(code.trim() ? code.replace(/^ (.*) $/, '$1') : code)]));
    } else if (alt !== undefined) {
      if (alt.trim()) {
        flush();
        nodes.push(el('span', [context.text(`[图片：${alt.trim()}]`)]));
      }
    } else if (linkText !== undefined) {
      flush();
      nodes.push(...link(parseInline(linkText, context, depth + 1), linkText, href ?? '', context));
    } else if (autolink !== undefined) {
      flush();
      const shown = autolink.replace(/^(mailto|tel):/i, '');
      nodes.push(...link([context.text(shown)], shown, autolink, context));
    } else if (boldItalic !== undefined) {
      flush();
      nodes.push(el('em', [el('strong', parseInline(boldItalic, context, depth + 2))]));
    } else if (bold !== undefined) {
      flush();
      nodes.push(el('strong', parseInline(bold, context, depth + 1)));
    } else if (struck !== undefined) {
      flush();
      nodes.push(el('del', parseInline(struck, context, depth + 1)));
    } else {
      flush();
      nodes.push(el('em', parseInline(italic ?? underscored ?? '', context, depth + 1)));
    }
  }
  plain += source.slice(last);
  flush();
  return nodes;
}

/** The link text, then its address in small type when it says more (so it can be copied); never a live link. */
function link(children: MarkdownNode[], text: string, href: string, context: Context): MarkdownNode[] {
  const nodes: MarkdownNode[] = [{ type: 'node', name: 'span', attrs: { class: 'lk-md__link' }, children }];
  const address = href.replace(/^(mailto|tel):/i, '');
  if (SHOWN_LINK.test(href) && address !== text.trim()) {
    nodes.push({
      type: 'node',
      name: 'span',
      attrs: { class: 'lk-md__href' },
      children: [context.text(`（${address}）`)],
    });
  }
  return nodes;
}
