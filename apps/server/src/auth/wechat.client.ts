import { Inject, Injectable, Logger } from '@nestjs/common';
import { refuse } from '../common/app-exception.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

/** errcodes of jscode2session that mean the login code itself is bad, as opposed to WeChat being unwell. */
const BAD_CODE_ERRORS = new Set([40029, 40163, 40226]);

/** The real code2Session client. Base URL is configurable so tests point it at a local stand-in. */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async code2Session(code: string): Promise<WechatSession> {
    const { appId, secret, apiBase } = this.config.wechat;
    if (!appId || !secret) throw refuse('WECHAT_NOT_CONFIGURED');
    const url = new URL(`${apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: appId,
      secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();

    let body: { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      this.logger.warn(`code2Session unreachable: ${(error as Error).message}`);
      throw refuse('WECHAT_UNAVAILABLE');
    }
    if (body.errcode) {
      this.logger.warn(`code2Session errcode ${body.errcode}`);
      if (BAD_CODE_ERRORS.has(body.errcode)) throw refuse('WECHAT_CODE_INVALID');
      throw refuse('WECHAT_UNAVAILABLE');
    }
    if (!body.openid || !body.session_key) throw refuse('WECHAT_UNAVAILABLE');
    return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid };
  }
}
