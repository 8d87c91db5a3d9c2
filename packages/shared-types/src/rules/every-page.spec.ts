import type { Page } from '../common.js';
import { everyPage } from './every-page.js';

/** A list of `total` numbers served `size` a page; the cursor is the index to go on from. */
function pagedList(total: number, size: number) {
  const asked: Array<string | undefined> = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<number>> => {
    asked.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    const end = Math.min(start + size, total);
    const items = Array.from({ length: end - start }, (_, i) => start + i);
    return { items, nextCursor: end < total ? String(end) : null };
  };
  return { asked, fetchPage };
}

describe('everyPage', () => {
  it.each([
    ['an empty list', 0, 3, 1],
    ['one page, not full', 2, 3, 1],
    ['one full page, then the end', 3, 3, 1],
    ['several pages', 7, 3, 3],
  ])('%s: every item once, in order', async (_case, total, size, pages) => {
    const list = pagedList(total, size);
    expect(await everyPage(list.fetchPage)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(list.asked).toHaveLength(pages);
    expect(list.asked[0]).toBeUndefined();
  });

  it('stops after maxPages', async () => {
    const list = pagedList(100, 1);
    expect(await everyPage(list.fetchPage, 4)).toEqual([0, 1, 2, 3]);
  });

  it('a failing page fails the whole walk', async () => {
    await expect(everyPage(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
  });
});
