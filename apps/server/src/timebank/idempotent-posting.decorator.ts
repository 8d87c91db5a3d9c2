import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Roles } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';

/**
 * A resident's POST that moves credits: 201, the time bank's rate limit, and the Idempotency-Key header that makes
 * a retry harmless (the service refuses a request without one).
 */
export const IdempotentPosting = (path: string, keyDescription: string) =>
  applyDecorators(
    Post(path),
    Roles('resident'),
    HttpCode(201),
    RateLimit('timebank'),
    ApiHeader({ name: 'Idempotency-Key', required: true, description: keyDescription }),
  );
