import { errorMessages } from '@linli/shared-types';
import { routeTable } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Example {
  value?: { code?: string; statusCode?: number };
}

interface Operation {
  summary?: string;
  'x-no-refusals'?: boolean;
  security?: unknown[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown; examples?: Record<string, Example> }> }>;
}

/**
 * The served OpenAPI document covers every route of the real route table, each with a Chinese summary, a 2xx body
 * schema (204: none), and the 4xx answers with their stable codes; every $ref resolves. A route without @ApiAnswer
 * fails here (see src/common/api-answer.decorator.ts for how to annotate one).
 */
describe('OpenAPI document (GET /api/docs-json)', () => {
  const routes = routeTable();
  let t: TestApp;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas?: Record<string, { required?: string[] }> };
  };
  let operations: { key: string; operation: Operation }[];

  beforeAll(async () => {
    t = await startTestApp({ env: routes.env });
    const response = await t.request('GET', '/api/docs-json');
    expect(response.status).toBe(200);
    document = response.body;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
  }, 90_000); // a server starts on 2 shared cores
  afterAll(async () => {
    await t?.close();
    routes.remove();
  });

  it('documents every API route the server registered', () => {
    const documented = new Set(operations.map((o) => o.key));
    const api = routes
      .read()
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(api.length).toBeGreaterThan(50);
    expect(api.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('gives every operation a summary in Chinese', () => {
    expect(operations.filter((o) => !/[\u4e00-\u9fff]/.test(o.operation.summary ?? '')).map((o) => o.key)).toEqual([]);
  });

  it('gives every operation a 2xx answer with a schema (204: no body)', () => {
    const lacking = operations.filter(({ operation }) => {
      const ok = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      return (
        ok.length === 0 ||
        ok.some(([status, r]) =>
          status === '204' ? r.content !== undefined : !Object.values(r.content ?? {}).some((media) => media.schema),
        )
      );
    });
    expect(lacking.map((o) => o.key)).toEqual([]);
  });

  it('gives every operation its 4xx answers as ApiError with known codes of that status', () => {
    expect(
      operations
        .filter((o) => o.operation['x-no-refusals'])
        .map((o) => o.key)
        .sort(),
    ).toEqual(['GET /api/v1/communities', 'GET /api/v1/health']);
    const problems: string[] = [];
    for (const { key, operation } of operations) {
      const refusals = Object.entries(operation.responses ?? {}).filter(([status]) => /^4\d\d$/.test(status));
      // Only a public route without input may say it cannot refuse (GET health, GET communities).
      const mayHaveNone = operation['x-no-refusals'] === true && operation.security?.length === 0;
      if (refusals.length === 0 && !mayHaveNone) problems.push(`${key}: no 4xx`);
      if (refusals.length > 0 && operation['x-no-refusals']) problems.push(`${key}: 4xx and x-no-refusals`);
      for (const [status, response] of refusals) {
        const media = response.content?.['application/json'];
        if ((media?.schema as { $ref?: string })?.$ref !== '#/components/schemas/ApiError')
          problems.push(`${key} ${status}: not ApiError`);
        const examples = Object.entries(media?.examples ?? {});
        if (examples.length === 0) problems.push(`${key} ${status}: no codes`);
        for (const [code, example] of examples)
          if (!(code in errorMessages) || example.value?.code !== code || example.value?.statusCode !== Number(status))
            problems.push(`${key} ${status}: bad example ${code}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('says for every operation whether it needs a session (bearer) or none', () => {
    expect(operations.filter((o) => !Array.isArray(o.operation.security)).map((o) => o.key)).toEqual([]);
    const open = operations.filter((o) => o.operation.security!.length === 0).map((o) => o.key);
    expect(open).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/health']));
    expect(open).not.toContain('GET /api/v1/me');
  });

  it('resolves every $ref inside the document, to schemas generated from the shared types', () => {
    const refs = new Set<string>();
    JSON.stringify(document, (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string') refs.add(value);
      return value;
    });
    const schemas = document.components.schemas ?? {};
    expect([...refs].filter((ref) => !(ref.replace('#/components/schemas/', '') in schemas))).toEqual([]);
    // Generated, not declared by hand: the shared NoticeView interface, with its fields.
    expect(schemas.NoticeView?.required).toEqual(expect.arrayContaining(['id', 'title', 'body', 'status']));
  });
});
