import { beforeEach, describe, expect, it, vi } from 'vitest';

// A fake Taro: in-memory storage, a scripted request transport and a page stack.
const taro = vi.hoisted(() => {
  process.env.TARO_APP_API_BASE = 'https://api.test/api/v1';
  const storage = new Map<string, unknown>();
  return {
    storage,
    request: vi.fn(),
    reLaunch: vi.fn(() => Promise.resolve()),
    getCurrentPages: vi.fn(() => [{ route: 'pages/home/index' }]),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
  };
});
vi.mock('@tarojs/taro', () => ({ default: taro }));

const { ApiRequestError, http, identityHeaders, toRequestError } = await import('./http');
const { sessionEndStore, sessionStore, startSession } = await import('../stores/session');
const { actingForStore, startActingFor } = await import('../stores/acting-for');

type Sent = { url: string; method: string; header: Record<string, string>; data: unknown };
const sent = (index = 0) => taro.request.mock.calls[index][0] as Sent;
const answer = (statusCode: number, data: unknown) => taro.request.mockResolvedValueOnce({ statusCode, data });
const user = { id: 1, name: '李秀英' } as Parameters<typeof startSession>[0]['user'];

beforeEach(() => {
  taro.request.mockReset();
  taro.reLaunch.mockClear();
  startSession({ token: 'tok', user });
  actingForStore.set(null);
});

describe('the mini-app request wrapper', () => {
  it('sends JSON with the Bearer token and an encoded query', async () => {
    answer(200, { ok: true });
    await expect(http.get('notices', { q: '停水 通知', page: 2, empty: '', none: undefined })).resolves.toEqual({
      ok: true,
    });
    expect(sent()).toMatchObject({
      url: 'https://api.test/api/v1/notices?q=%E5%81%9C%E6%B0%B4%20%E9%80%9A%E7%9F%A5&page=2',
      method: 'GET',
      header: { Accept: 'application/json', Authorization: 'Bearer tok' },
    });
    expect(sent().header).not.toHaveProperty('Content-Type');
  });

  it('parses a string body and gives an empty one as undefined', async () => {
    answer(200, '{"id":3}');
    answer(204, '');
    await expect(http.post('x', { a: 1 })).resolves.toEqual({ id: 3 });
    await expect(http.delete('x')).resolves.toBeUndefined();
    expect(sent(0)).toMatchObject({ method: 'POST', data: { a: 1 }, header: { 'Content-Type': 'application/json' } });
  });

  it('acts for an elder with X-Act-For, and stops when the binding is gone', async () => {
    startActingFor({ elderId: 42, elderName: '王奶奶' });
    answer(404, { statusCode: 404, code: 'PROXY_TARGET_NOT_FOUND', message: 'gone' });
    await expect(http.get('me')).rejects.toMatchObject({ code: 'PROXY_TARGET_NOT_FOUND' });
    expect(sent().header['X-Act-For']).toBe('42');
    expect(actingForStore.get()).toBeNull();
  });

  it('gives photo uploads the same identity: Bearer, and X-Act-For while acting for someone', () => {
    expect(identityHeaders()).toEqual({ Authorization: 'Bearer tok' });
    startActingFor({ elderId: 42, elderName: '王奶奶' });
    expect(identityHeaders()).toEqual({ Authorization: 'Bearer tok', 'X-Act-For': '42' });
    expect(identityHeaders(true)).toEqual({ Authorization: 'Bearer tok' });
  });

  it('ends an expired session and goes to the login page', async () => {
    answer(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'x' });
    await expect(http.get('me')).rejects.toBeInstanceOf(ApiRequestError);
    expect(sessionStore.get().token).toBeNull();
    expect(sessionEndStore.get()).toBe('登录已过期，请重新登录');
    expect(taro.storage.has('linli.token')).toBe(false);
    expect(taro.reLaunch).toHaveBeenCalledTimes(1);
  });

  it('keeps the login page on a failed login (no session sent)', async () => {
    sessionStore.set({ token: null, user: null });
    answer(401, { statusCode: 401, code: 'LOGIN_FAILED', message: 'x' });
    await expect(http.post('auth/login', {})).rejects.toMatchObject({ statusCode: 401 });
    expect(sent().header).not.toHaveProperty('Authorization');
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });

  it('reports a transport failure as NETWORK_ERROR', async () => {
    taro.request.mockRejectedValueOnce(new Error('request:fail timeout'));
    await expect(http.get('x')).rejects.toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR' });
  });
});

describe('toRequestError', () => {
  it.each([
    [401, undefined, 'UNAUTHENTICATED'],
    [404, '<html>', 'ROUTE_NOT_FOUND'],
    [429, null, 'RATE_LIMITED'],
    [503, 'Bad gateway', 'SERVICE_UNAVAILABLE'],
    [500, {}, 'INTERNAL_ERROR'],
  ])('status %p with body %p → %p, in Chinese', (status, body, code) => {
    const error = toRequestError(status, body);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps the fields the server named', () => {
    expect(
      toRequestError(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', fields: ['purpose'] }).fields,
    ).toEqual(['purpose']);
  });
});
