import { AuditEntry } from '../audit/audit-entry.entity.js';
import { Session } from '../auth/session.entity.js';
import { RateLimitCounter } from '../common/rate-limit.entity.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed once: the data source and the schema check both read this. */
export const entities = [Community, Building, User, Session, AuditEntry, RateLimitCounter];
