import { HttpException } from '@nestjs/common';
import { errorMessages, type ErrorCode } from '@linli/shared-types';

/** An error with a stable machine code; the filter turns it into `{ statusCode, code, message }`. */
export class AppException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    status: number,
    message: string = errorMessages[code],
    readonly fields?: string[],
  ) {
    super({ statusCode: status, code, message, ...(fields ? { fields } : {}) }, status);
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppException(code, 404);
export const forbidden = (code: ErrorCode = 'FORBIDDEN') => new AppException(code, 403);
export const conflict = (code: ErrorCode, message?: string) => new AppException(code, 409, message);
export const refused = (code: ErrorCode, message?: string) => new AppException(code, 422, message);
export const unauthenticated = (code: ErrorCode = 'UNAUTHENTICATED') => new AppException(code, 401);
