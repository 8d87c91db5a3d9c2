import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ACT_FOR, type ActForPolicy, type ProxyKind } from '../common/act-for.js';
import { ProxyActInterceptor } from './proxy-act.interceptor.js';

/**
 * The allow-list of acting for someone: only routes marked so accept `X-Act-For`; on any other the header is
 * refused (403 PROXY_NOT_ALLOWED), so a route added later is closed to proxies until someone decides otherwise.
 * Moving credits out of someone's account is never marked.
 * A marked route also gets the interceptor that records the act. Only these routes can carry a proxy, so every
 * other route runs with no interceptor at all, off Nest's rxjs path (bench/results/10-read-profile.md).
 */
export const ActFor = (label: string, by: readonly ProxyKind[] = ['family', 'desk']) =>
  applyDecorators(SetMetadata(ACT_FOR, { label, by } satisfies ActForPolicy), UseInterceptors(ProxyActInterceptor));
