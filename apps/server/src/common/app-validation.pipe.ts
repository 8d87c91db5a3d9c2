import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

/** An object with no own keys (a query string with no parameters parses to one). */
export function isEmptyObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const _key in value) return false;
  return Object.getOwnPropertySymbols(value).length === 0 && Object.getOwnPropertyNames(value).length === 0;
}

/**
 * The global ValidationPipe, minus its work where there is nothing to validate: a request without query parameters
 * (the first page of the feed, the hottest read) gets the DTO with no field set. Whether a DTO accepts that is
 * learnt from the full pipe the first time; a DTO with required fields keeps going through it, and failing.
 */
export class AppValidationPipe extends ValidationPipe {
  private readonly acceptsEmptyQuery = new WeakSet<object>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as (new () => object) | undefined;
    if (metadata.type !== 'query' || !metatype || !isEmptyObject(value)) return super.transform(value, metadata);
    if (this.acceptsEmptyQuery.has(metatype)) return new metatype();
    const result: unknown = await super.transform(value, metadata);
    if (result instanceof metatype && isEmptyObject(result)) this.acceptsEmptyQuery.add(metatype);
    return result;
  }
}
