import { createServer, type Server } from 'node:http';

export const FAKE_APPID = 'wx00000000000000a1';
export const FAKE_SECRET = 'fake-wechat-app-secret';

/** A subscribe message as WeChat received it. */
export interface FakeSubscribeMessage {
  accessToken: string;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface FakeWechat {
  url: string;
  sessionKeys: string[];
  requests: URL[];
  /** Subscribe messages accepted (errcode 0). */
  delivered: FakeSubscribeMessage[];
  /** Every subscribe/send request with a valid token, answered or not, in arrival order. */
  received: FakeSubscribeMessage[];
  /** Requests for these openids are received (counted as delivered) but never answered, as when WeChat is slow. */
  holdFor: Set<string>;
  /** Access tokens handed out, in order. */
  tokens: string[];
  /** Makes every token handed out so far invalid (errcode 40001), as when another process fetched a new one. */
  revokeTokens(): void;
  close(): Promise<void>;
}

/**
 * Plays WeChat's part on localhost, as documented.
 * jscode2session: code "ok-<x>" → openid "openid-<x>"; "used" → errcode 40163; "bad" → 40029; "busy" → -1; "slow" → no answer for 10 s.
 * cgi-bin/token: a fresh token per call (expires_in 7200). message/subscribe/send: touser "openid-refuser" → 43101
 * (not subscribed), "openid-busy" → -1, "openid-broken" → HTTP 502; anyone else is delivered.
 */
export async function startFakeWechat(): Promise<FakeWechat> {
  const sessionKeys: string[] = [];
  const requests: URL[] = [];
  const delivered: FakeSubscribeMessage[] = [];
  const received: FakeSubscribeMessage[] = [];
  const holdFor = new Set<string>();
  const tokens: string[] = [];
  const revoked = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const send = (body: object) => {
      res.writeHead(200, { 'content-type': 'text/plain' }); // WeChat really answers JSON as text/plain
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== FAKE_APPID || url.searchParams.get('secret') !== FAKE_SECRET)
        return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (url.searchParams.get('grant_type') !== 'client_credential')
        return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      const token = `TOKEN-${tokens.length + 1}-${Math.random().toString(36).slice(2)}`;
      tokens.push(token);
      return send({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const token = url.searchParams.get('access_token') ?? '';
        if (!tokens.includes(token) || revoked.has(token))
          return send({ errcode: 40001, errmsg: 'invalid credential' });
        const message = { accessToken: token, ...JSON.parse(raw) } as FakeSubscribeMessage;
        received.push(message);
        if (holdFor.has(message.touser)) return void delivered.push(message); // WeChat has it; the answer never comes
        if (message.touser === 'openid-refuser')
          return send({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        if (message.touser === 'openid-busy') return send({ errcode: -1, errmsg: 'system error' });
        if (message.touser === 'openid-broken') return void res.writeHead(502).end();
        delivered.push(message);
        send({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    if (url.pathname !== '/sns/jscode2session') return void res.writeHead(404).end();
    if (url.searchParams.get('appid') !== FAKE_APPID || url.searchParams.get('secret') !== FAKE_SECRET)
      return send({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (url.searchParams.get('grant_type') !== 'authorization_code')
      return send({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = url.searchParams.get('js_code') ?? '';
    if (code === 'bad') return send({ errcode: 40029, errmsg: 'invalid code' });
    if (code === 'used') return send({ errcode: 40163, errmsg: 'code been used' });
    if (code === 'busy') return send({ errcode: -1, errmsg: 'system error' });
    if (code.startsWith('ok-')) {
      const sessionKey = `SK${Math.random().toString(36).slice(2)}${Date.now()}`;
      sessionKeys.push(sessionKey);
      return send({ openid: `openid-${code.slice(3)}`, session_key: sessionKey });
    }
    send({ errcode: 40029, errmsg: 'invalid code' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    sessionKeys,
    requests,
    delivered,
    received,
    holdFor,
    tokens,
    revokeTokens: () => {
      for (const token of tokens) revoked.add(token);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
