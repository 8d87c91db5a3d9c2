import { RequestMethod, SetMetadata, UseInterceptors } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { ACT_FOR, type ActForPolicy, type ProxyKind } from '../common/act-for.js';
import { ProxyActInterceptor } from './proxy-act.interceptor.js';

/**
 * The allow-list of acting for someone: only routes marked so accept `X-Act-For`; on any other the header is
 * refused (403 PROXY_NOT_ALLOWED), so a route added later is closed to proxies until someone decides otherwise.
 * Moving credits out of someone's account is never marked.
 * A marked write also gets the interceptor that records the act. A read records nothing, so it gets none: every
 * GET runs off Nest's rxjs path, which costs a read ~40 µs of CPU (bench/results/1-read-ratio.md). To see the
 * route's method, @ActFor goes above its @Get/@Post (decorators apply bottom-up); placed below, it throws at start.
 */
export const ActFor =
  (label: string, by: readonly ProxyKind[] = ['family', 'desk']): MethodDecorator =>
  (target, key, descriptor) => {
    const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, descriptor.value as object);
    if (method === undefined) throw new Error(`@ActFor on ${String(key)}: put it above the route's @Get/@Post`);
    SetMetadata(ACT_FOR, { label, by } satisfies ActForPolicy)(target, key, descriptor);
    if (method !== RequestMethod.GET && method !== RequestMethod.HEAD) {
      UseInterceptors(ProxyActInterceptor)(target, key, descriptor);
    }
  };
