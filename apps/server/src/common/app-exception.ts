import { HttpException } from '@nestjs/common';
import { errorMessages, errorStatuses, type ErrorCode } from '@linli/shared-types';

/** An error with a stable machine code; the filter turns it into `{ statusCode, code, message }`. */
export class AppException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string = errorMessages[code],
    readonly fields?: string[],
  ) {
    const status = errorStatuses[code];
    super({ statusCode: status, code, message, ...(fields ? { fields } : {}) }, status);
  }
}

/** The one way to refuse a request: the status is the code's own (`errorStatuses`), the message its own unless given. */
export const refuse = (code: ErrorCode, message?: string, fields?: string[]): AppException =>
  new AppException(code, message, fields);
