import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { Clock } from '../common/clock.js';
import type { DeliveryOutcome } from './notifications.rules.js';

/** What an outbox row of channel wechat_subscribe carries. */
export interface WechatSubscribePayload {
  /** Which configured template (WECHAT_TEMPLATE_NOTICE for 'notice'). */
  template: 'notice';
  /** Mini-app page opened from the message. */
  page: string;
  data: Record<string, { value: string }>;
}

/** errcodes after which the access token must be fetched again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** errcodes that no retry can fix for this user: declined the subscription, bad openid. */
const USER_ERRORS = new Set([43101, 40003]);
/** errcodes that say the message itself is wrong (template, data, page). */
const MESSAGE_ERRORS = new Set([40037, 47003, 41030]);

/**
 * WeChat subscribe messages over real HTTP (base URL configurable, so tests use a local stand-in).
 * Off until WECHAT_APPID, WECHAT_SECRET and a template are configured.
 */
@Injectable()
export class WechatSubscribeClient {
  private readonly logger = new Logger(WechatSubscribeClient.name);
  /** Per process; a token fetched by another process may replace it, which the retry on 40001 covers. */
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    const { appId, secret, templates } = this.config.wechat;
    return Boolean(appId && secret && templates.notice);
  }

  async send(openid: string | null, payload: WechatSubscribePayload): Promise<DeliveryOutcome> {
    if (!openid) return { outcome: 'skipped', reason: 'no openid' };
    const templateId = this.config.wechat.templates[payload.template];
    if (!templateId) return { outcome: 'skipped', reason: `template ${payload.template} not configured` };
    let sending = false;
    try {
      const post = async () => {
        const token = await this.accessToken();
        sending = true;
        return this.post(openid, templateId, payload, token);
      };
      let body = await post();
      if (TOKEN_ERRORS.has(body.errcode ?? 0)) {
        this.token = null;
        sending = false;
        body = await post();
      }
      if (!body.errcode) return { outcome: 'sent' };
      const error = `errcode ${body.errcode}: ${body.errmsg ?? ''}`.slice(0, 200);
      if (USER_ERRORS.has(body.errcode)) return { outcome: 'skipped', reason: error };
      if (MESSAGE_ERRORS.has(body.errcode)) return { outcome: 'failed', error };
      return { outcome: 'retry', error };
    } catch (error) {
      const message = (error as Error).message.slice(0, 200);
      // A timeout after the message went out: WeChat may have it (it has no idempotency key), so it is not sent again.
      if (sending && (error as Error).name === 'TimeoutError') {
        this.logger.warn(`subscribe message unanswered, not retried: ${message}`);
        return { outcome: 'unknown', error: message };
      }
      this.logger.warn(`subscribe message not delivered: ${message}`);
      return { outcome: 'retry', error: message };
    }
  }

  private async post(
    openid: string,
    templateId: string,
    payload: WechatSubscribePayload,
    token: string,
  ): Promise<{ errcode?: number; errmsg?: string }> {
    const url = `${this.config.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: openid,
        template_id: templateId,
        page: payload.page,
        data: payload.data,
        lang: 'zh_CN',
      }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`subscribe/send HTTP ${response.status}`);
    return response.json() as Promise<{ errcode?: number; errmsg?: string }>;
  }

  /** Cached until five minutes before it expires. */
  private async accessToken(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && this.token.expiresAt > now) return this.token.value;
    const { appId, secret, apiBase } = this.config.wechat;
    const url = new URL(`${apiBase}/cgi-bin/token`);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: appId ?? '',
      secret: secret ?? '',
    }).toString();
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`token HTTP ${response.status}`);
    const body = (await response.json()) as {
      access_token?: string;
      expires_in?: number;
      errcode?: number;
      errmsg?: string;
    };
    if (!body.access_token) throw new Error(`token errcode ${body.errcode ?? '?'}`);
    const lifetimeMs = Math.max(60, (body.expires_in ?? 7200) - 300) * 1000;
    this.token = { value: body.access_token, expiresAt: now + lifetimeMs };
    return body.access_token;
  }
}
