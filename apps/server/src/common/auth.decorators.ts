import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@linli/shared-types';
import type { Actor } from './actor.js';

export const IS_PUBLIC = 'linli:public';
export const ROLES = 'linli:roles';

/** No login needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Staff and admins: every console endpoint. */
export const StaffOnly = () => Roles('staff', 'admin');

/**
 * The logged-in user, loaded by the auth guard. Typed here as the `Actor` common/ knows; a controller declares
 * the parameter as the users/ entity the guard actually loaded.
 */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});

/** The bearer token of the request (for logout). */
export const CurrentToken = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  return context.switchToHttp().getRequest<{ sessionToken?: string }>().sessionToken;
});
