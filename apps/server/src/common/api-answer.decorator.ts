/**
 * @ApiAnswer: the one OpenAPI decorator of a route — its Chinese summary, its 2xx body as a shared type, and the
 * refusals (4xx) it can give with their stable codes. Every route needs it (test/openapi.e2e-spec.ts and
 * `pnpm openapi:lint` fail otherwise).
 *
 *   @ApiAnswer({
 *     summary: '修改公告',                       // Chinese, short: what the call does
 *     ok: 'NoticeView',                          // an exported interface/type of @linli/shared-types, by name
 *     refusals: ['NOT_FOUND', 'NOTICE_ARCHIVED', 'NOTICE_TIME_INVALID'],
 *   })
 *   @StaffOnly()
 *   @Patch(':id')
 *   update(...): Promise<NoticeView> { ... }
 *
 * - `ok`: 'Name' (one), ['Name'] (an array), { page: 'Name' } (Page<Name>), { mediaType: 'text/csv' } (a file),
 *   null (no body, e.g. 204). The name must be exported from packages/shared-types/src/index.ts: the build turns
 *   those types into JSON Schemas (apps/server/scripts/api-schemas.mjs → dist/api-schemas.json), so the document
 *   can never disagree with what the clients compile against. Returning an inline `{ … }` type? Export it first.
 * - The 2xx status is read from the route (@HttpCode, else 201 for POST, 200 otherwise); `status` overrides it.
 * - `refusals`: status → the ErrorCodes (shared-types errors.ts) the route's service and rules can answer with;
 *   'none' only for a public route without input that cannot refuse (GET health, GET communities).
 *   Added by themselves, do not list them: 401 UNAUTHENTICATED/SESSION_EXPIRED/ACCOUNT_DISABLED (unless
 *   @Public), 403 FORBIDDEN (@Roles/@StaffOnly), 400 VALIDATION_FAILED (any @Body/@Query/@Param), 429 RATE_LIMITED
 *   (@RateLimit). Codes listed under a status that is also automatic are merged.
 * - Decorator order does not matter: the answers are applied when the document is built (api-document.ts).
 */
import { ROUTE_ARGS_METADATA, HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { errorMessages, errorStatuses, type ErrorCode } from '@linli/shared-types';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';
import { RATE_LIMIT_AREA } from './rate-limit.guard.js';

/** The name of an exported type of @linli/shared-types (a component of the document). */
type SharedTypeName = string;

type AnswerBody = SharedTypeName | readonly [SharedTypeName] | { page: SharedTypeName } | { mediaType: string } | null;

interface ApiAnswerOptions {
  /** 简短的中文说明 (shown as the operation's title). */
  summary: string;
  /** Longer notes, Markdown (who may call, what it changes). */
  description?: string;
  ok: AnswerBody;
  /** The 2xx status when it is not the route's own. */
  status?: number;
  /**
   * The codes the route can refuse with beyond the automatic ones (each answered with its own status);
   * 'none': the route truly answers no 4xx (public, takes no input), said so rather than forgotten.
   */
  refusals?: readonly ErrorCode[] | 'none';
}

interface Answer {
  target: object;
  key: string | symbol;
  descriptor: PropertyDescriptor;
  options: ApiAnswerOptions;
  applied: boolean;
}

const answers: Answer[] = [];

/** Operation extension of a route declared with `refusals: 'none'`. */
const NO_REFUSALS = 'x-no-refusals';
/** Component prefix of the schemas of the document. */
export const SCHEMA_REF = '#/components/schemas/';
/** Component name of Page<T> for the item type T (built from PageEnvelope by api-document.ts). */
export const pageSchemaName = (item: SharedTypeName): string => `Page_${item}`;

export function ApiAnswer(options: ApiAnswerOptions): MethodDecorator {
  return (target, key, descriptor) => {
    answers.push({ target, key, descriptor, options, applied: false });
    ApiOperation({ summary: options.summary, ...(options.description ? { description: options.description } : {}) })(
      target,
      key,
      descriptor,
    );
  };
}

/** Applies every @ApiAnswer once all decorators of its class have run (called before the document is built). */
export function applyApiAnswers(): void {
  for (const answer of answers) {
    if (answer.applied) continue;
    answer.applied = true;
    const { target, key, descriptor, options } = answer;
    const method = descriptor.value as object;
    const controller = (target as { constructor: object }).constructor;
    const meta = <T>(name: string): T | undefined =>
      (Reflect.getMetadata(name, method) as T | undefined) ?? (Reflect.getMetadata(name, controller) as T | undefined);

    const status = options.status ?? successStatus(method);
    ApiResponse(success(status, options.ok))(target, key, descriptor);

    const refusals = new Map<number, ErrorCode[]>();
    const add = (code: number, ...codes: readonly ErrorCode[]) =>
      refusals.set(code, [...new Set([...(refusals.get(code) ?? []), ...codes])]);
    if (takesInput(controller, key)) add(400, 'VALIDATION_FAILED');
    if (!meta<boolean>(IS_PUBLIC)) {
      add(401, 'UNAUTHENTICATED', 'SESSION_EXPIRED', 'ACCOUNT_DISABLED');
      if (!meta('swagger/apiSecurity')) ApiBearerAuth()(target, key, descriptor);
    }
    if (meta(ROLES)) add(403, 'FORBIDDEN');
    if (meta(RATE_LIMIT_AREA)) add(429, 'RATE_LIMITED');
    // 'none' on a route that can refuse (not public, or takes input) is ignored: its automatic answers stand.
    if (options.refusals === 'none') {
      if (!refusals.size) ApiExtension(NO_REFUSALS, true)(target, key, descriptor);
    } else for (const code of options.refusals ?? []) add(errorStatuses[code], code);
    for (const [code, codes] of [...refusals].sort(([a], [b]) => a - b))
      ApiResponse(refusal(code, codes))(target, key, descriptor);
  }
}

function successStatus(method: object): number {
  const explicit = Reflect.getMetadata(HTTP_CODE_METADATA, method) as number | undefined;
  if (explicit) return explicit;
  return Reflect.getMetadata(METHOD_METADATA, method) === RequestMethod.POST ? 201 : 200;
}

const ref = (name: SharedTypeName) => ({ $ref: `${SCHEMA_REF}${name}` });

function success(status: number, ok: AnswerBody) {
  const description = status === 201 ? '已创建' : status === 204 ? '成功，无内容' : '成功';
  if (ok === null) return { status, description };
  if (typeof ok === 'object' && 'mediaType' in ok)
    return { status, description, content: { [ok.mediaType]: { schema: { type: 'string' as const } } } };
  const schema =
    typeof ok === 'string'
      ? ref(ok)
      : 'page' in ok
        ? ref(pageSchemaName(ok.page))
        : { type: 'array' as const, items: ref(ok[0]) };
  return { status, description, content: { 'application/json': { schema } } };
}

function refusal(status: number, codes: readonly ErrorCode[]) {
  const lines = codes.map((code) => `- \`${code}\`：${errorMessages[code]}`);
  return {
    status,
    description: `拒绝（${status}），错误码：\n${lines.join('\n')}`,
    content: {
      'application/json': {
        schema: ref('ApiError'),
        examples: Object.fromEntries(
          codes.map((code) => [
            code,
            { summary: errorMessages[code], value: { statusCode: status, code, message: errorMessages[code] } },
          ]),
        ),
      },
    },
  };
}

/** Any @Body, @Query or @Param: class-validator (or a parse pipe) can answer 400. */
function takesInput(controller: object, key: string | symbol): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((arg) => /^([345]):/.test(arg));
}
