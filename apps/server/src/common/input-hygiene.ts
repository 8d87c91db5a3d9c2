import { applyDecorators, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import {
  buildMessage,
  IsInt,
  IsISO8601,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { refuse } from './app-exception.js';

/**
 * Characters no text field of Linli carries: C0/C1 controls other than tab and line breaks (NUL among them),
 * bidi overrides and isolates (they make a name read differently from what it is), and lone UTF-16
 * surrogates (not text at all: MySQL would store U+FFFD instead). Emoji and every script are fine.
 */
const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Pure: the dotted paths of string values (keys included) in a request body or query that carry unsafe characters. */
export function unsafeTextPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return UNSAFE_TEXT.test(value) ? [path || '(body)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unsafeTextPaths(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const at = path ? `${path}.${key}` : key;
      return UNSAFE_TEXT.test(key) ? [at] : unsafeTextPaths(item, at);
    });
  }
  return [];
}

/** Global, before validation: refuses bodies and queries with unsafe characters, naming the fields. */
@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const paths = unsafeTextPaths(value);
    if (paths.length) throw refuse('VALIDATION_FAILED', `提交的内容含有不允许的控制字符：${paths.join('、')}`, paths);
    return value;
  }
}

/**
 * The field may be left out, but `null` is not "left out": it is validated like any other value (and refused).
 * class-validator's IsOptional lets null through to the service, where it would reach a NOT NULL column.
 * Use IsOptional only where null means something (e.g. "no expiry").
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** Earliest and latest instant any client may send: keeps every date inside what SQLite and MySQL store alike. */
export const INSTANT_MIN = Date.UTC(2000, 0, 1);
export const INSTANT_MAX = Date.UTC(2100, 0, 1);
const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with an offset (a time without one would be read in the server's zone), a real calendar date, 2000–2099. */
export const IsInstant = (): PropertyDecorator =>
  applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(WITH_OFFSET),
    ValidateBy({
      name: 'isInstantInRange',
      validator: {
        validate: (value: unknown) => {
          const ms = typeof value === 'string' ? Date.parse(value) : NaN;
          return ms >= INSTANT_MIN && ms < INSTANT_MAX;
        },
        defaultMessage: buildMessage((each) => `${each}$property must lie between 2000 and 2099`),
      },
    }),
  );

/** Largest id a client may send: the INT columns of SQLite and MySQL alike. */
export const ID_MAX = 2_147_483_647;

/** A row id: a whole number 1…2³¹−1 (`{ each: true }` for an array of ids). */
export const IsId = (options?: ValidationOptions): PropertyDecorator =>
  applyDecorators(IsInt(options), Min(1, options), Max(ID_MAX, options));

/**
 * Text a person must write: a string of `min` (default 1) to `max` UTF-16 units with at least one non-space
 * character, so "   " is refused like "". Validation only: the field's @ApiProperty states its docs.
 */
export const NonBlank = (max: number, options: { min?: number } = {}): PropertyDecorator =>
  applyDecorators(IsString(), Length(options.min ?? 1, max), Matches(/\S/));
