// Build step: JSON Schemas of every exported type of @linli/shared-types, as OpenAPI components.
// The server's OpenAPI document ($refs written by @ApiAnswer) reads dist/api-schemas.json, so the documented
// response shapes are the TypeScript interfaces the clients compile against, never a second copy by hand.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const server = resolve(import.meta.dirname, '..');
const sharedTypes = resolve(server, '../../packages/shared-types');
const output = join(server, 'dist/api-schemas.json');

// The generator skips generic types; PageEnvelope is Page<T> without its items, which @ApiAnswer adds per item type.
const scratch = mkdtempSync(join(tmpdir(), 'linli-api-schemas-'));
const entry = join(scratch, 'entry.ts');
const index = join(sharedTypes, 'src/index.js');
writeFileSync(
  entry,
  `import type { Page } from ${JSON.stringify(index)};\n` +
    `/** A page of a list: pass \`nextCursor\` back as \`cursor\` for the next page; null at the end. */\n` +
    `export type PageEnvelope = Omit<Page<never>, 'items'>;\n`,
);

// Every source file of shared-types (not its tests), plus the entry above.
const tsconfig = join(scratch, 'tsconfig.json');
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: join(sharedTypes, 'tsconfig.build.json'),
    include: [join(sharedTypes, 'src/**/*.ts'), entry],
    exclude: [join(sharedTypes, 'src/**/*.spec.ts')],
  }),
);

/** OpenAPI component names allow [A-Za-z0-9._-] only; an instantiated generic such as Page<X> becomes Page_X. */
const componentName = (name) => name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+$/, '');

try {
  const schema = createGenerator({
    tsconfig,
    type: '*',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    skipTypeCheck: true,
  }).createSchema('*');
  const refs = (json) =>
    json.replace(/"#\/definitions\/([^"]+)"/g, (_, ref) =>
      JSON.stringify(`#/components/schemas/${componentName(decodeURIComponent(ref))}`),
    );
  const components = {};
  for (const [name, definition] of Object.entries(schema.definitions ?? {}))
    // Exported functions (the shared rules) come out as "(args) => result" objects: not wire types. A declaration
    // marked @hidden (a generic helper the generator cannot type) comes out with no usable name.
    if (componentName(name) && !/=>/.test(definition.$comment ?? ''))
      components[componentName(name)] = JSON.parse(refs(JSON.stringify(definition)));
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, JSON.stringify(components, null, 1) + '\n');
  console.log(`api-schemas: ${Object.keys(components).length} shared types → ${output}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
