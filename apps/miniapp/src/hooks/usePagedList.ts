import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Page } from '@linli/shared-types';
import { errorText } from './useRemoteData';

export interface PagedList<T> {
  items: T[];
  /** The first page is loading and nothing is shown yet (draw the skeleton). */
  loading: boolean;
  /** Pull-to-refresh or a refresh on return: the list stays on screen. */
  refreshing: boolean;
  loadingMore: boolean;
  /** The first page failed (Chinese text), or null. */
  error: string | null;
  /** A further page failed; the items so far stay. */
  moreError: string | null;
  hasMore: boolean;
  /** Loaded at least once since the last change of `key`. */
  loaded: boolean;
  /** Loads the first page again; the old items stay until the answer replaces them. */
  refresh(): Promise<void>;
  /** Fetches the first page again and keeps what was loaded below it (a return to the page). */
  refreshHead(): Promise<void>;
  loadMore(): Promise<void>;
  /** Changes items in place (a read, a confirmation) without asking the server. */
  update(change: (item: T) => T): void;
}

interface ListState<T> {
  items: T[];
  nextCursor: string | null;
  pages: number;
  loaded: boolean;
}

/**
 * A cursor-paginated list (`{ items, nextCursor }`). Loads the first page when `key` changes; answers
 * of superseded loads (an older filter, a refresh overtaken by another) are dropped.
 */
export function usePagedList<T>(
  load: (cursor: string | undefined) => Promise<Page<T>>,
  key: string,
  idOf: (item: T) => number | string,
  enabled = true,
): PagedList<T> {
  const [state, setState] = useState<ListState<T>>({ items: [], nextCursor: null, pages: 0, loaded: false });
  const [loading, setLoading] = useState(enabled);
  const [refreshing, setRefreshing] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const ticket = useRef(0);
  // The latest arguments and state, read by the callbacks when they run (so they stay stable across renders).
  const loadRef = useRef(load);
  const idRef = useRef(idOf);
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    loadRef.current = load;
    idRef.current = idOf;
    stateRef.current = state;
  });
  const busyMore = useRef(false);

  const firstPage = useCallback(async (mode: 'reset' | 'refresh' | 'head') => {
    const mine = ++ticket.current;
    busyMore.current = false;
    setLoadingMore(false);
    setMoreError(null);
    if (mode === 'reset') {
      setState({ items: [], nextCursor: null, pages: 0, loaded: false });
      setLoading(true);
    } else {
      setRefreshing(true);
    }
    setError(null);
    try {
      const page = await loadRef.current(undefined);
      if (mine !== ticket.current) return;
      setState((previous) => {
        if (mode !== 'head' || previous.pages <= 1) {
          return { items: page.items, nextCursor: page.nextCursor, pages: 1, loaded: true };
        }
        // Several pages were loaded: the fresh head replaces its own rows, the rest and its cursor stay.
        const fresh = new Set(page.items.map((item) => idRef.current(item)));
        const rest = previous.items.filter((item) => !fresh.has(idRef.current(item)));
        // Rows the new head pushed down rank below it and above the older pages, which is where they stay.
        return { ...previous, items: [...page.items, ...rest] };
      });
    } catch (caught) {
      if (mine !== ticket.current) return;
      // A failed refresh keeps the list on screen; only an empty list shows the error state.
      setError(errorText(caught));
      if (mode !== 'reset' && stateRef.current.items.length)
        void Taro.showToast({ title: errorText(caught), icon: 'none' });
    } finally {
      if (mine === ticket.current) {
        setLoading(false);
        setRefreshing(false);
      }
    }
  }, []);

  const loadMore = useCallback(async () => {
    const { nextCursor, loaded } = stateRef.current;
    if (!loaded || !nextCursor || busyMore.current) return;
    busyMore.current = true;
    const mine = ticket.current;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadRef.current(nextCursor);
      if (mine !== ticket.current) return;
      setState((previous) => {
        const seen = new Set(previous.items.map((item) => idRef.current(item)));
        const added = page.items.filter((item) => !seen.has(idRef.current(item)));
        return {
          items: [...previous.items, ...added],
          nextCursor: page.nextCursor,
          pages: previous.pages + 1,
          loaded: true,
        };
      });
    } catch (caught) {
      if (mine === ticket.current) setMoreError(errorText(caught));
    } finally {
      if (mine === ticket.current) {
        busyMore.current = false;
        setLoadingMore(false);
      }
    }
  }, []);

  useEffect(() => {
    if (enabled) void firstPage('reset');
  }, [enabled, key, firstPage]);

  const update = useCallback((change: (item: T) => T) => {
    setState((previous) => ({ ...previous, items: previous.items.map(change) }));
  }, []);

  const hasItems = state.items.length > 0;
  return {
    items: state.items,
    loading: loading && !hasItems,
    refreshing,
    loadingMore,
    error: hasItems ? null : error,
    moreError,
    hasMore: Boolean(state.nextCursor),
    loaded: state.loaded,
    refresh: useCallback(() => firstPage('refresh'), [firstPage]),
    refreshHead: useCallback(() => firstPage('head'), [firstPage]),
    loadMore,
    update,
  };
}
