import { getMetadataArgsStorage } from 'typeorm';

/**
 * `alias.column` of each of an entity's selectable columns (not `select: false`) but those omitted, read from its
 * decorators: raw SQL and query-builder selects name the columns their entity declares, so they live in one place.
 */
export function selectColumns<E>(
  target: new () => E,
  alias: string,
  omit: readonly (keyof E & string)[] = [],
): string[] {
  return getMetadataArgsStorage()
    .filterColumns(target)
    .filter((c) => c.options.select !== false && !omit.includes(c.propertyName as keyof E & string))
    .map((c) => `${alias}.${c.options.name ?? c.propertyName}`);
}
