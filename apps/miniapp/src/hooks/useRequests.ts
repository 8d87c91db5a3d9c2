import { useCallback, useRef, useState } from 'react';
import type {
  CreateRequestRequest,
  RateRequestRequest,
  RequestCategory,
  RequestDetail,
  RequestView,
} from '@linli/shared-types';
import {
  createRequest,
  getRequest,
  listMyRequests,
  listPublicRequests,
  rateRequest,
  reopenRequest,
  secondRequest,
} from '../services/requests';
import { usePagedList, type PagedList } from './usePagedList';
import { errorText, useRemoteData, type RemoteData } from './useRemoteData';

/** 我的诉求: the caller's own requests, newest first. */
export function useMyRequests(enabled: boolean): PagedList<RequestView> {
  return usePagedList(
    (cursor) => listMyRequests({ cursor }),
    'mine',
    (request) => request.id,
    enabled,
  );
}

/** 社区诉求: the public requests of the caller's community, optionally of one category. */
export function usePublicRequests(category: RequestCategory | null, enabled: boolean): PagedList<RequestView> {
  return usePagedList(
    (cursor) => listPublicRequests({ cursor, category: category ?? undefined }),
    `public:${category ?? 'all'}`,
    (request) => request.id,
    enabled,
  );
}

export function useRequestDetail(id: number | null): RemoteData<RequestDetail> {
  return useRemoteData(() => getRequest(id!), String(id), id !== null);
}

export interface RequestAction<A extends unknown[], R> {
  busy: boolean;
  error: string | null;
  /** Resolves the answer, or null when it failed (the error is in `error`). A second call while busy is ignored. */
  run(...args: A): Promise<R | null>;
  clearError(): void;
}

/** One write with a busy flag that guards against double taps, and its error as Chinese text. */
function useAction<A extends unknown[], R>(send: (...args: A) => Promise<R>): RequestAction<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        return await send(...args);
      } catch (caught) {
        setError(errorText(caught));
        return null;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [send],
  );
  return { busy, error, run, clearError: useCallback(() => setError(null), []) };
}

export function useSubmitRequest(): RequestAction<[CreateRequestRequest], RequestDetail> {
  return useAction((body: CreateRequestRequest) => createRequest(body));
}

export function useSecondRequest() {
  return useAction((id: number) => secondRequest(id));
}

export function useRateRequest() {
  return useAction((id: number, body: RateRequestRequest) => rateRequest(id, body));
}

export function useReopenRequest() {
  return useAction((id: number, reason: string) => reopenRequest(id, { reason }));
}
