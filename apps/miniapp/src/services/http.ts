import Taro from '@tarojs/taro';
import { errorMessages, messageForError, type ApiError } from '@linli/shared-types';
import { endSession, sessionStore } from '../stores/session';
import { actingForStore, stopActingFor } from '../stores/acting-for';
import { goToLogin } from '../routes';
import { apiBase } from '../platform/api-base';

export { apiBase };

const NETWORK_ERROR = '网络连接失败，请检查网络后重试';

/** An API call that failed; `message` is Chinese text ready to show to the user. */
export class ApiRequestError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly fields?: string[];

  constructor(statusCode: number, code: string, message: string, fields?: string[]) {
    super(message);
    this.name = 'ApiRequestError';
    this.statusCode = statusCode;
    this.code = code;
    this.fields = fields;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as oneself even while acting for someone (亲情代办 itself: binding, revoking). */
  asSelf?: boolean;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const search = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${apiBase}/${path.replace(/^\//, '')}${search ? `?${search}` : ''}`;
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as ApiError).code === 'string';
}

/** Known codes use our Chinese text; anything else falls back to the server's message or a status-based one. */
export function toRequestError(statusCode: number, body: unknown): ApiRequestError {
  if (isApiError(body)) {
    const known = (errorMessages as Record<string, string>)[body.code];
    return new ApiRequestError(statusCode, body.code, known ?? messageForError(body), body.fields);
  }
  if (statusCode === 401) return new ApiRequestError(statusCode, 'UNAUTHENTICATED', errorMessages.UNAUTHENTICATED);
  if (statusCode === 404) return new ApiRequestError(statusCode, 'ROUTE_NOT_FOUND', errorMessages.ROUTE_NOT_FOUND);
  if (statusCode === 429) return new ApiRequestError(statusCode, 'RATE_LIMITED', errorMessages.RATE_LIMITED);
  if (statusCode === 502 || statusCode === 503 || statusCode === 504) {
    return new ApiRequestError(statusCode, 'SERVICE_UNAVAILABLE', errorMessages.SERVICE_UNAVAILABLE);
  }
  return new ApiRequestError(statusCode, 'INTERNAL_ERROR', errorMessages.INTERNAL_ERROR);
}

/** Who asks: the Bearer token, and X-Act-For while acting for an elder (亲情代办); photos send the same. */
export function identityHeaders(asSelf = false): Record<string, string> {
  const token = sessionStore.get().token;
  const actingFor = asSelf ? null : actingForStore.get();
  return {
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...(actingFor ? { 'X-Act-For': String(actingFor.elderId) } : {}),
  };
}

/** The one Taro.request wrapper: JSON in and out, Bearer token, Chinese errors, 401 → login. */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  Object.assign(header, identityHeaders(options.asSelf));
  const token = sessionStore.get().token;
  const actingFor = options.asSelf ? null : actingForStore.get();

  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request({
      url: buildUrl(path, options.query),
      method,
      header,
      // Objects are sent as JSON by both weapp and h5 because of the Content-Type above.
      data: options.body as Taro.request.Option['data'],
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiRequestError(0, 'NETWORK_ERROR', NETWORK_ERROR);
  }

  const { statusCode } = response;
  const body = parseBody(response.data);
  if (statusCode >= 200 && statusCode < 300) return body as T;

  const error = toRequestError(statusCode, body);
  // The binding was revoked (or the elder is gone): back to acting for oneself.
  if (actingFor && error.code === 'PROXY_TARGET_NOT_FOUND') stopActingFor();
  // Only a session we sent can expire; a failed login also answers 401 and must stay on its page.
  if (statusCode === 401 && token) {
    endSession('expired');
    goToLogin();
  }
  throw error;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body, headers }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
