import type { Page } from '../common.js';

/**
 * Every item of a cursor-paged list, page after page, for a client that shows a bounded list whole (a date window
 * of events, a day of bookings). `maxPages` bounds the walk should a server ever hand back a cursor forever.
 * @hidden a client helper, not a wire type (scripts/api-schemas.mjs leaves it out of the OpenAPI components)
 */
export async function everyPage<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxPages = 10,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await fetchPage(cursor);
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return items;
}
