import { resolve } from 'node:path';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mysql'; url: string };

/** Everything the server reads from its environment, validated once at start. */
export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  demo: boolean;
  demoPassword: string;
  secret: string;
  production: boolean;
  sessionTtlDays: number;
  /** Logins per minute per IP. */
  loginRateLimit: number;
  /** Dev logins per minute per IP. */
  devLoginRateLimit: number;
  /** Scans (POST scan, staff entering personal codes) per minute per user; ten times that per IP. */
  scanRateLimit: number;
  /** Transfers and redemptions together per minute per user; ten times that per IP. */
  timebankRateLimit: number;
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For. */
  trustProxy: boolean;
  corsOrigins: string[];
  logLevel: string;
  wechat: {
    appId: string | null;
    secret: string | null;
    apiBase: string;
    /** Subscribe-message template ids; a message whose template is not configured is not sent. */
    templates: { notice: string | null };
  };
  /** How often each process looks for outbox messages to deliver. */
  outboxPollMs: number;
  /** How long a claimed outbox batch belongs to its process; after that a crashed process's messages are taken over. */
  outboxLeaseMs: number;
  /** The most an account may hold (street setting, TIMEBANK_CAP_HOURS, 1,500 h); credit beyond it goes to the commons. */
  timebankCapMinutes: number;
  /** How often each process looks for help requests done 72 h ago to confirm. */
  helpAutoConfirmPollMs: number;
  /** REDIS_URL: rate-limit counters in Redis instead of the database (several processes, a cluster). */
  redisUrl: string | null;
  /** Where uploaded photos are stored (UPLOAD_DIR, relative to the repository root; default data/uploads). */
  uploadDir: string;
}

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

const DEMO_SECRET = 'linli-demo-secret-do-not-use-in-production';

/** Repository root, found from this file (src/common or dist/common of apps/server). */
export const repoRoot = resolve(import.meta.dirname, '../../../..');

export class ConfigError extends Error {}

function parseDatabase(url: string | undefined): DatabaseConfig {
  if (!url) return { type: 'sqlite', path: resolve(repoRoot, 'data/linli.sqlite') };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new ConfigError('DATABASE_URL sqlite: needs a file path, e.g. sqlite:data/linli.sqlite');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^mysql:\/\/[^/]+\/\w+/.test(url)) return { type: 'mysql', url };
  throw new ConfigError(
    `DATABASE_URL must be sqlite:<path> or mysql://user:pass@host:3306/db, got "${url.replace(/:[^:@/]*@/, ':***@')}"`,
  );
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got "${value}"`);
  return port;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function parseRedisUrl(url: string | undefined): string | null {
  if (!url) return null;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL must look like redis://host:6379 (or rediss://)');
  return url;
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** Pure: environment → config, or a ConfigError that says what to fix. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const demo = flag(env.LINLI_DEMO);
  const secret = env.LINLI_SECRET ?? (demo ? DEMO_SECRET : undefined);
  if (!secret)
    throw new ConfigError(
      'LINLI_SECRET is required outside demo mode (it signs QR codes); set it to a long random string',
    );
  if (!demo && secret.length < 16) throw new ConfigError('LINLI_SECRET must be at least 16 characters');
  const ttl = Number(env.SESSION_TTL_DAYS ?? 30);
  if (!Number.isFinite(ttl) || ttl <= 0) throw new ConfigError('SESSION_TTL_DAYS must be a positive number');
  return {
    port: parsePort(env.PORT),
    database: parseDatabase(env.DATABASE_URL),
    demo,
    demoPassword: env.LINLI_DEMO_PASSWORD || 'linli-demo',
    secret,
    production: env.NODE_ENV === 'production',
    sessionTtlDays: ttl,
    loginRateLimit: positiveInt(env.LOGIN_RATE_LIMIT, 10, 'LOGIN_RATE_LIMIT'),
    devLoginRateLimit: positiveInt(env.DEV_LOGIN_RATE_LIMIT, 10, 'DEV_LOGIN_RATE_LIMIT'),
    // A volunteer scans in and out a few times; staff at a check-in desk enter a code every few seconds.
    scanRateLimit: positiveInt(env.SCAN_RATE_LIMIT, 60, 'SCAN_RATE_LIMIT'),
    timebankRateLimit: positiveInt(env.TIMEBANK_RATE_LIMIT, 10, 'TIMEBANK_RATE_LIMIT'),
    trustProxy: flag(env.TRUST_PROXY),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    wechat: {
      appId: env.WECHAT_APPID || null,
      secret: env.WECHAT_SECRET || null,
      apiBase: (env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      templates: { notice: env.WECHAT_TEMPLATE_NOTICE || null },
    },
    outboxPollMs: positiveInt(env.OUTBOX_POLL_MS, 10_000, 'OUTBOX_POLL_MS'),
    // Long enough for a whole batch at the client's 5 s timeouts per message.
    outboxLeaseMs: positiveInt(env.OUTBOX_LEASE_MS, 120_000, 'OUTBOX_LEASE_MS'),
    timebankCapMinutes: positiveInt(env.TIMEBANK_CAP_HOURS, 1500, 'TIMEBANK_CAP_HOURS') * 60,
    helpAutoConfirmPollMs: positiveInt(env.HELP_AUTO_CONFIRM_POLL_MS, 60_000, 'HELP_AUTO_CONFIRM_POLL_MS'),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    uploadDir: resolve(repoRoot, env.UPLOAD_DIR || 'data/uploads'),
  };
}
