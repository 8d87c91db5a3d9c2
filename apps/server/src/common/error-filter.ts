import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { errorMessages, type ApiError, type ErrorCode } from '@linli/shared-types';
import { AppException, refuse } from './app-exception.js';
import { isDatabaseUnavailable } from '../database/database-errors.js';

const codeByStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Turns any thrown value into the one error shape clients rely on. */
export function toApiError(exception: unknown): ApiError {
  if (exception instanceof AppException) return exception.getResponse() as ApiError;
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const code = codeByStatus[statusCode] ?? (statusCode >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    return { statusCode, code, message: errorMessages[code] };
  }
  // Fastify's own errors (body too large, malformed JSON, bad content type) carry a statusCode.
  const fastify = exception as { statusCode?: number; code?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const code = codeByStatus[fastify.statusCode] ?? 'VALIDATION_FAILED';
    const message =
      fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastify.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? '请求体不是有效的 JSON'
        : errorMessages[code];
    return { statusCode: fastify.statusCode, code, message };
  }
  if (isDatabaseUnavailable(exception))
    return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: errorMessages.SERVICE_UNAVAILABLE };
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: errorMessages.INTERNAL_ERROR };
}

/** Flattens class-validator errors into dotted field paths and one readable message. */
export function validationException(errors: ValidationError[]): AppException {
  const fields: string[] = [];
  const problems: string[] = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      if (error.constraints) {
        fields.push(path);
        const unknown = 'whitelistValidation' in error.constraints;
        problems.push(unknown ? `不允许的字段 ${path}` : `${path} 无效`);
      }
      if (error.children?.length) walk(error.children, path);
    }
  };
  walk(errors, '');
  return refuse('VALIDATION_FAILED', `提交的内容有误：${problems.join('；')}`, fields);
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toApiError(exception);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE)
      this.logger.warn(`database unavailable: ${(exception as Error)?.message}`);
    else if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) this.logger.error(exception);
    const reply = host.switchToHttp().getResponse();
    reply.status(body.statusCode).send(body);
  }
}
