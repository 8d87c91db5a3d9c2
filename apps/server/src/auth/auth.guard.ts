import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@linli/shared-types';
import { AppException, forbidden, unauthenticated } from '../common/app-exception.js';
import { IS_PUBLIC, ROLES } from '../common/auth.decorators.js';
import { SessionsService } from './sessions.service.js';

/** Global: every route needs a live session unless marked @Public(); @Roles narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
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
        throw user ? new AppException('ACCOUNT_DISABLED', 401) : unauthenticated('SESSION_EXPIRED');
      }
    }
    if (isPublic) return true;
    if (!request.user) throw unauthenticated();

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.user.role)) throw forbidden();
    return true;
  }
}
