import { createServer, type Server } from 'node:http';

export const FAKE_APPID = 'wx00000000000000a1';
export const FAKE_SECRET = 'fake-wechat-app-secret';

/**
 * Plays WeChat's part of jscode2session on localhost, as documented:
 * code "ok-<x>" → openid "openid-<x>"; "used" → errcode 40163; "bad" → 40029; "busy" → -1; "slow" → no answer for 10 s.
 */
export async function startFakeWechat(): Promise<{ url: string; sessionKeys: string[]; requests: URL[]; close(): Promise<void> }> {
  const sessionKeys: string[] = [];
  const requests: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const send = (body: object) => {
      res.writeHead(200, { 'content-type': 'text/plain' }); // WeChat really answers JSON as text/plain
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return void res.writeHead(404).end();
    if (url.searchParams.get('appid') !== FAKE_APPID || url.searchParams.get('secret') !== FAKE_SECRET) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (url.searchParams.get('grant_type') !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
