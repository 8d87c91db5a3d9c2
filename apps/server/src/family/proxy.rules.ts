import type { AuditAction, ErrorCode } from '@linli/shared-types';
import type { ActForPolicy, ProxyKind } from '../common/act-for.js';

export type ActForHeader = { kind: 'none' } | { kind: 'id'; id: number } | { kind: 'invalid' };

/** The X-Act-For header: absent, one positive user id, or anything else (refused, 400). */
export function parseActFor(header: string | string[] | undefined): ActForHeader {
  if (header === undefined) return { kind: 'none' };
  if (typeof header !== 'string' || !/^[1-9][0-9]{0,9}$/.test(header.trim())) return { kind: 'invalid' };
  const id = Number(header.trim());
  return id <= 2_147_483_647 ? { kind: 'id', id } : { kind: 'invalid' };
}

export interface ProxyCandidate {
  id: number;
  role: string;
  status: string;
  communityId: number | null;
}

export interface ActForInput {
  /** The caller, as their session says (never already a proxy: the guard resolves the header once). */
  actor: ProxyCandidate;
  /** The user named by the header, or null when there is none. */
  target: ProxyCandidate | null;
  /** The route's allow-list entry, or null when the route takes no proxy. */
  policy: ActForPolicy | null;
  /** Whether an active family binding lets the actor act for the target. */
  bound: boolean;
}

export type ActForDecision =
  { allowed: true; kind: ProxyKind | null } | { allowed: false; status: 403 | 404; code: ErrorCode };

/**
 * May the caller act for the target on this route? A resident acts for a resident they are bound to (any community
 * of the street); staff for any resident of their community, an admin for any of the street. Naming oneself is
 * acting for oneself (kind null). Anyone else is answered as missing (404), so ids are not confirmed to strangers.
 */
export function decideActFor({ actor, target, policy, bound }: ActForInput): ActForDecision {
  if (target && target.id === actor.id) return { allowed: true, kind: null };
  if (!policy) return { allowed: false, status: 403, code: 'PROXY_NOT_ALLOWED' };
  const notFound = { allowed: false, status: 404, code: 'PROXY_TARGET_NOT_FOUND' } as const;
  if (!target || target.role !== 'resident' || target.status === 'disabled') return notFound;
  let kind: ProxyKind;
  if (actor.role === 'resident') {
    if (actor.status !== 'verified' || !bound) return notFound;
    kind = 'family';
  } else if (actor.role === 'staff') {
    if (actor.communityId === null || target.communityId !== actor.communityId) return notFound;
    kind = 'desk';
  } else if (actor.role === 'admin') {
    kind = 'desk';
  } else {
    return notFound;
  }
  if (!policy.by.includes(kind)) return { allowed: false, status: 403, code: 'PROXY_NOT_ALLOWED' };
  return { allowed: true, kind };
}

export interface ProxyRecord {
  action: Extract<AuditAction, 'proxy.family' | 'proxy.desk'>;
  targetType: string;
  targetId: number | null;
  summary: string;
  inbox: string;
}

/**
 * What is written for a proxied act: the audit entry and the line in the inbox of the person acted for. `result` is
 * what the act's transaction returned: a record with an id, or the new record's id itself, numbers it.
 */
export function proxyRecordOf(
  proxy: {
    kind: ProxyKind;
    actor: { name: string | null };
    onBehalfOf: { id: number; name: string | null };
    relation: string;
    label: string;
  },
  result: unknown,
): ProxyRecord {
  const id = typeof result === 'number' ? result : (result as { id?: unknown } | null)?.id;
  const recordId = typeof id === 'number' ? id : null;
  const who = `${proxy.relation} ${proxy.actor.name ?? ''}`.trimEnd();
  const forWhom = proxy.onBehalfOf.name ?? `居民 ${proxy.onBehalfOf.id}`;
  const numbered = recordId === null ? '' : `（编号 ${recordId}）`;
  return {
    action: proxy.kind === 'family' ? 'proxy.family' : 'proxy.desk',
    targetType: 'user',
    targetId: proxy.onBehalfOf.id,
    summary: `${proxy.kind === 'family' ? '亲情代办' : '窗口代办'}：${who} 为 ${forWhom} ${proxy.label}${numbered}`,
    inbox: `由 ${who} 代办：${proxy.label}${numbered}。如有疑问，可在“我的-亲情代办”中查看或解除绑定。`,
  };
}
