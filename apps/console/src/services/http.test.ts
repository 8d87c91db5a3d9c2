import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, getToken, http, request, setToken } from './http';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake transport: records each call and answers from a queue. */
function fakeFetch(...answers: Array<Response | Error>) {
  const calls: Call[] = [];
  const fetch = vi.fn((url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer queued');
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
    removeItem: (key: string) => void store.delete(key),
  });
  vi.stubGlobal('window', { location: { pathname: '/console/notices', assign: vi.fn() } });
});

afterEach(() => vi.unstubAllGlobals());

describe('the console fetch wrapper', () => {
  it('sends JSON with the stored Bearer token and drops empty query values', async () => {
    setToken('t-1');
    const calls = fakeFetch(json(200, { id: 7 }), json(200, []));
    await expect(http.post('/notices', { title: 'x' })).resolves.toEqual({ id: 7 });
    await expect(http.get('notices', { status: 'draft', q: '', page: 2, none: undefined })).resolves.toEqual([]);
    expect(calls[0].url).toBe('/api/v1/notices');
    expect(calls[0].init).toMatchObject({
      method: 'POST',
      body: '{"title":"x"}',
      headers: { Accept: 'application/json', Authorization: 'Bearer t-1', 'Content-Type': 'application/json' },
    });
    expect(calls[1].url).toBe('/api/v1/notices?status=draft&page=2');
    expect(calls[1].init.headers).not.toHaveProperty('Content-Type');
  });

  it('answers 204 with undefined', async () => {
    fakeFetch(new Response(null, { status: 204 }));
    await expect(request('DELETE', 'x')).resolves.toBeUndefined();
  });

  it('turns an error body into an ApiRequestError with Chinese text and fields', async () => {
    fakeFetch(json(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'bad', fields: ['title'] }));
    const error = (await http.post('notices', {}).catch((e: unknown) => e)) as ApiRequestError;
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', fields: ['title'] });
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('falls back to the status when a proxy answers HTML', async () => {
    fakeFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(http.get('x')).rejects.toMatchObject({ statusCode: 502, code: 'SERVICE_UNAVAILABLE' });
  });

  it('reports a network failure as NETWORK_ERROR and lets an abort through', async () => {
    fakeFetch(new TypeError('Failed to fetch'));
    await expect(http.get('x')).rejects.toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR' });
    const abort = new DOMException('aborted', 'AbortError');
    fakeFetch(abort);
    await expect(http.get('x')).rejects.toBe(abort);
  });

  it('ends the session on a 401, unless a 401 was expected', async () => {
    setToken('old');
    fakeFetch(json(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: '请重新登录' }));
    await expect(http.get('me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(getToken()).toBeNull();
    expect(window.location.assign).toHaveBeenCalledWith('/login');

    setToken('kept');
    fakeFetch(json(401, { statusCode: 401, code: 'LOGIN_FAILED', message: '用户名或密码错误' }));
    await expect(http.post('auth/login', {}, { expectUnauthenticated: true })).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
      message: '用户名或密码错误',
    });
    expect(getToken()).toBe('kept');
  });
});
