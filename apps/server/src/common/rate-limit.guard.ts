import { applyDecorators, Injectable, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from './app-config.js';
import { refuse } from './app-exception.js';
import type { RateLimitHit, RateLimitStorage } from './rate-limit-storage.js';

/** Each area has its own per-minute budget; transfers and redemptions share `timebank`. */
export const rateLimitAreas = ['login', 'dev-login', 'scan', 'timebank'] as const;
export type RateLimitArea = (typeof rateLimitAreas)[number];

export const RATE_LIMIT_AREA = 'linli:rate-limit-area';
const WINDOW_MS = 60_000;
/** Signed-in callers are limited per user; their IP gets ten users' worth (volunteers at one venue share its network). */
export const IP_SHARE_FACTOR = 10;

/** One throttler per area, limits from the configuration (per minute). */
export function rateLimitThrottlers(config: AppConfig): ThrottlerOptions[] {
  const limits: Record<RateLimitArea, number> = {
    login: config.loginRateLimit,
    'dev-login': config.devLoginRateLimit,
    scan: config.scanRateLimit,
    timebank: config.timebankRateLimit,
  };
  return rateLimitAreas.map((name) => ({ name, ttl: WINDOW_MS, limit: limits[name], blockDuration: WINDOW_MS }));
}

/**
 * Counts the request against its area, per IP and, once signed in, per user (the global AuthGuard has run by
 * then). Past the limit: 429 RATE_LIMITED with Retry-After in seconds. Counters live in the database.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const area = this.reflector.getAllAndOverride<RateLimitArea>(RATE_LIMIT_AREA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const throttler = this.throttlers.find((t) => t.name === area);
    if (!throttler) throw new Error(`no throttler configured for rate-limit area "${area}"`);
    const limit = throttler.limit as number;
    const { req, res } = this.getRequestResponse(context);
    const userId: number | undefined = req.user?.id;
    const counters: RateLimitHit[] = [
      { key: `${area}:ip:${await this.getTracker(req)}`, limit: userId ? limit * IP_SHARE_FACTOR : limit },
    ];
    if (userId) counters.push({ key: `${area}:user:${userId}`, limit });
    // The storage is ours (RATE_LIMIT_STORAGE, given to ThrottlerModule in app.module): both counters in one go.
    const storage = this.storageService as RateLimitStorage;
    const records = await storage.hitAll(counters, WINDOW_MS, WINDOW_MS, area);
    const blocked = records.filter((r) => r.isBlocked);
    if (blocked.length) {
      res.header('Retry-After', String(Math.max(1, ...blocked.map((r) => r.timeToBlockExpire))));
      throw refuse('RATE_LIMITED');
    }
    return true;
  }
}

/** Limit this route (or every route of a controller) by the budget of `area`. */
export const RateLimit = (area: RateLimitArea) =>
  applyDecorators(SetMetadata(RATE_LIMIT_AREA, area), UseGuards(RateLimitGuard));
