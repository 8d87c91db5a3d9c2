import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@linli/shared-types';
import { ACT_FOR, type ActForPolicy, type ProxyAct } from '../common/act-for.js';
import { refuse } from '../common/app-exception.js';
import { IS_PUBLIC, ROLES } from '../common/auth.decorators.js';
import { FamilyService } from '../family/family.service.js';
import { decideActFor, parseActFor } from '../family/proxy.rules.js';
import { User } from '../users/user.entity.js';
import { SessionsService } from './sessions.service.js';

/**
 * Global: every route needs a live session unless marked @Public(); @Roles narrows further.
 * Acting for someone (X-Act-For) is decided here, once for every route: on a route marked @ActFor, a bound family
 * member or desk staff becomes `request.user` = the person acted for, and `request.proxy` keeps who really acted.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly family: FamilyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);

    if (token) {
      const user = await this.sessions.resolve(token);
      if (user && user.status !== 'disabled') {
        request.user = user;
        request.sessionToken = token;
      } else if (!isPublic) {
        throw user ? refuse('ACCOUNT_DISABLED') : refuse('SESSION_EXPIRED');
      }
    }
    if (isPublic) return true;
    if (!request.user) throw refuse('UNAUTHENTICATED');

    await this.actFor(request, this.reflector.getAllAndOverride<ActForPolicy | undefined>(ACT_FOR, targets) ?? null);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.user.role)) throw refuse('FORBIDDEN');
    return true;
  }

  private async actFor(
    request: { headers: Record<string, string | string[] | undefined>; user: User; proxy?: ProxyAct },
    policy: ActForPolicy | null,
  ): Promise<void> {
    const named = parseActFor(request.headers['x-act-for']);
    if (named.kind === 'none') return;
    if (named.kind === 'invalid') throw refuse('PROXY_HEADER_INVALID', undefined, ['X-Act-For']);
    const actor = request.user;
    const target = named.id === actor.id ? actor : await this.sessions.userById(named.id);
    // Read afresh on every request: a revoked binding stops the very next request.
    const relation =
      actor.role === 'resident' && target && target.id !== actor.id
        ? await this.family.activeRelation(actor.id, target.id)
        : null;
    const decision = decideActFor({ actor, target, policy, bound: relation !== null });
    if (!decision.allowed) throw refuse(decision.code);
    if (!decision.kind || !target || !policy) return;
    request.user = target;
    request.proxy = {
      kind: decision.kind,
      actor: { id: actor.id, name: actor.name, role: actor.role, communityId: actor.communityId },
      onBehalfOf: { id: target.id, name: target.name, role: target.role, communityId: target.communityId },
      relation: decision.kind === 'family' ? relation! : '社区工作人员',
      label: policy.label,
    };
  }
}
