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
import { useAction, type Action } from './useAction';
import { useRemoteData, type RemoteData } from './useRemoteData';

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

export function useSubmitRequest(): Action<[CreateRequestRequest], RequestDetail> {
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
