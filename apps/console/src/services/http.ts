import { messageForError, type ApiError } from '@linli/shared-types';

const API_BASE = '/api/v1';
const TOKEN_KEY = 'linli.console.token';
const LOGIN_PATH = `${import.meta.env.BASE_URL}login`;
const HAN = /[\u4e00-\u9fff]/;

/** An API call that failed; `message` is Chinese text fit to show to staff. */
export class ApiRequestError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly fields?: string[];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiRequestError';
    this.statusCode = error.statusCode;
    this.code = error.code;
    this.fields = error.fields;
  }
}

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  localStorage.removeItem(TOKEN_KEY);
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A multipart body (an upload); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  signal?: AbortSignal;
  /** Use this token instead of the stored one (e.g. to end a session that was never stored). */
  token?: string;
  /** A 401 is the expected answer (wrong password) rather than an ended session. */
  expectUnauthenticated?: boolean;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}/${path.replace(/^\//, '')}${search ? `?${search}` : ''}`;
}

/** Chinese text for an error body; the server's own text is kept only when it is Chinese. */
function chineseMessage(body: Partial<ApiError>): string {
  const message = messageForError(body);
  return HAN.test(message) ? message : messageForError({ code: body.code });
}

function fallbackCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL_ERROR';
}

async function readError(response: Response): Promise<ApiRequestError> {
  let body: Partial<ApiError> = {};
  try {
    body = (await response.json()) as Partial<ApiError>;
  } catch {
    // A proxy or a crashed server may answer HTML: fall back to the status code.
  }
  const code = typeof body.code === 'string' ? body.code : fallbackCode(response.status);
  return new ApiRequestError({
    statusCode: typeof body.statusCode === 'number' ? body.statusCode : response.status,
    code,
    message: chineseMessage({ ...body, code }),
    fields: Array.isArray(body.fields) ? body.fields : undefined,
  });
}

function sendToLogin(): void {
  clearToken();
  if (window.location.pathname !== LOGIN_PATH) window.location.assign(LOGIN_PATH);
}

/** Sends a request with the Bearer token; any answer but 2xx becomes an ApiRequestError (a 401 ends the session). */
async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const token = options.token ?? getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError({ statusCode: 0, code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  }

  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && !options.expectUnauthenticated && !options.token) sendToLogin();
    throw error;
  }
  return response;
}

/** The one fetch wrapper of the console: JSON in and out, Bearer token, Chinese errors. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file the server sends (e.g. a CSV export); a plain link could not carry the Bearer token. */
export async function requestFile(path: string, accept: string, signal?: AbortSignal): Promise<Blob> {
  const response = await send('GET', path, { signal }, accept);
  return response.blob();
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
};
