import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { refuse } from './app-exception.js';
import { toApiError, validationException } from './error-filter.js';

describe('toApiError', () => {
  it.each<[string, unknown, { statusCode: number; code: string }]>([
    ['app exception keeps its code', refuse('LOGIN_FAILED'), { statusCode: 401, code: 'LOGIN_FAILED' }],
    ['unknown route', new NotFoundException(), { statusCode: 404, code: 'ROUTE_NOT_FOUND' }],
    ['plain bad request', new BadRequestException(), { statusCode: 400, code: 'VALIDATION_FAILED' }],
    [
      'throttled (ThrottlerException is a 429)',
      new HttpException('Too Many Requests', 429),
      { statusCode: 429, code: 'RATE_LIMITED' },
    ],
    [
      'fastify body too large',
      Object.assign(new Error('x'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
      { statusCode: 413, code: 'PAYLOAD_TOO_LARGE' },
    ],
    [
      'fastify bad json',
      Object.assign(new Error('x'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }),
      { statusCode: 400, code: 'VALIDATION_FAILED' },
    ],
    [
      'database refused the connection (TypeORM wraps the driver error)',
      Object.assign(new Error('QueryFailedError'), {
        driverError: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      }),
      { statusCode: 503, code: 'SERVICE_UNAVAILABLE' },
    ],
    [
      'database connection lost mid-query',
      Object.assign(new Error('Connection lost: The server closed the connection.'), {
        code: 'PROTOCOL_CONNECTION_LOST',
      }),
      { statusCode: 503, code: 'SERVICE_UNAVAILABLE' },
    ],
    [
      'a command on a connection the server closed',
      new Error("Can't add new command when connection is in closed state"),
      { statusCode: 503, code: 'SERVICE_UNAVAILABLE' },
    ],
    [
      'a Galera node out of the primary component (1047 WSREP has not yet prepared node)',
      Object.assign(new Error('QueryFailedError'), {
        driverError: Object.assign(new Error('WSREP has not yet prepared node for application use'), {
          code: 'ER_UNKNOWN_COM_ERROR',
          errno: 1047,
        }),
      }),
      { statusCode: 503, code: 'SERVICE_UNAVAILABLE' },
    ],
    [
      'a wrong query is still a 500',
      Object.assign(new Error('x'), { driverError: { code: 'ER_PARSE_ERROR' } }),
      { statusCode: 500, code: 'INTERNAL_ERROR' },
    ],
    ['anything else hides its details', new Error('secret stack'), { statusCode: 500, code: 'INTERNAL_ERROR' }],
  ])('%s', (_name, error, expected) => {
    const body = toApiError(error);
    expect(body).toMatchObject(expected);
    expect(body.message).not.toContain('secret');
  });
});

describe('validationException', () => {
  it('names unknown and invalid fields, nested ones with dots', () => {
    const error = validationException([
      { property: 'isAdmin', constraints: { whitelistValidation: 'property isAdmin should not exist' }, children: [] },
      { property: 'name', constraints: { maxLength: 'too long' }, children: [] },
      { property: 'geofence', children: [{ property: 'lat', constraints: { isNumber: 'x' }, children: [] }] },
    ]);
    const body = error.getResponse() as { code: string; fields: string[]; message: string };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields).toEqual(['isAdmin', 'name', 'geofence.lat']);
    expect(body.message).toContain('不允许的字段 isAdmin');
  });
});
