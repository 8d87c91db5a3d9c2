import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { applyApiAnswers, pageSchemaName, SCHEMA_REF } from './api-answer.decorator.js';

type Schema = Record<string, unknown>;

/** Written by scripts/api-schemas.mjs at build time (dist/ from both src/common and dist/common). */
const SHARED_SCHEMAS_FILE = join(import.meta.dirname, '../../dist/api-schemas.json');

/** The OpenAPI document of the app: @ApiAnswer's answers, with the shared types they name as components. */
export function createApiDocument(app: INestApplication, sharedSchemas = loadSharedSchemas()): OpenAPIObject {
  applyApiAnswers();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Linli 邻里 API')
      .setDescription(
        '邻里社区服务接口。错误统一返回 `ApiError`（`{ statusCode, code, message }`），`code` 为稳定的错误码，见各接口的拒绝说明。',
      )
      .setVersion('1')
      // 3.1: its schemas are JSON Schema, the dialect the shared types are generated in (null as a type).
      .setOpenAPIVersion('3.1.0')
      .addServer('/', '本服务')
      .addBearerAuth()
      .build(),
  );
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = { ...schemas, ...referencedSharedSchemas(document, sharedSchemas) };
  // Public routes say so (security-defined): no requirement rather than none stated.
  for (const item of Object.values(document.paths))
    for (const operation of Object.values(item) as { security?: unknown[]; responses?: unknown }[])
      if (operation?.responses && !operation.security) operation.security = [];
  return document;
}

function loadSharedSchemas(file = SHARED_SCHEMAS_FILE): Record<string, Schema> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Schema>;
  new Logger('OpenAPI').warn(`${file} is missing (pnpm --filter @linli/server build writes it): no response schemas`);
  return {};
}

/** The shared schemas the document refers to, transitively, plus Page_<T> for each page answer. */
function referencedSharedSchemas(document: OpenAPIObject, shared: Record<string, Schema>): Record<string, Schema> {
  const own = document.components?.schemas ?? {};
  const picked: Record<string, Schema> = {};
  const pending = refsIn(document.paths);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in picked || name in own) continue;
    const schema = shared[name] ?? pageOf(name, shared);
    if (!schema) continue; // left unresolved: the lint and the coverage test name it
    picked[name] = schema;
    pending.push(...refsIn(schema));
  }
  return picked;
}

/** Page<T> as PageEnvelope (its shared fields) plus `items: T[]`. */
function pageOf(name: string, shared: Record<string, Schema>): Schema | undefined {
  const envelope = shared.PageEnvelope as { properties?: Schema; required?: string[]; description?: string };
  const item = name.startsWith('Page_') ? name.slice('Page_'.length) : undefined;
  if (!item || pageSchemaName(item) !== name || !envelope?.properties) return undefined;
  return {
    type: 'object',
    description: envelope.description,
    properties: { items: { type: 'array', items: { $ref: `${SCHEMA_REF}${item}` } }, ...envelope.properties },
    required: ['items', ...(envelope.required ?? [])],
    additionalProperties: false,
  };
}

function refsIn(value: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(value, (key, inner: unknown) => {
    if (key === '$ref' && typeof inner === 'string' && inner.startsWith(SCHEMA_REF))
      found.push(inner.slice(SCHEMA_REF.length));
    return inner;
  });
  return found;
}
