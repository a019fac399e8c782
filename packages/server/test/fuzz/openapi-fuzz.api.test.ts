import { ERROR_CODES } from '@switchboard/shared';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../harness/test-app.ts';

/**
 * Every operation the OpenAPI document lists is sent bad input of every kind we can
 * think of, signed out and as the network admin. The server may refuse, but never
 * with a 5xx, and every refusal must be our `{ error: { code, message } }` envelope.
 * Failures are collected across all operations so one run names every broken one.
 */

/** Runs per operation and per signed-in state; FUZZ_RUNS raises it for a deeper local run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const KNOWN_CODES = new Set<string>(ERROR_CODES);

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

interface Operation {
  method: string;
  /** OpenAPI form, e.g. /api/v1/networks/{slug}. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body?: JsonSchema;
}

/** One generated request. */
interface FuzzRequest {
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

function operationsOf(doc: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

/** Values shaped by the schema (often valid, sometimes not): the baseline the mutations start from. */
function shaped(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 5) return fc.jsonValue({ maxDepth: 2 });
  let base: fc.Arbitrary<unknown>;
  if (s.enum) base = fc.constantFrom(...s.enum);
  else if (s.anyOf || s.oneOf) base = fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => shaped(x, depth + 1)));
  else if (s.allOf?.length) base = shaped(s.allOf[0], depth + 1);
  else {
    switch (s.type) {
      case 'string': {
        const min = s.minLength ?? 0;
        const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
        if (s.format === 'uuid') base = fc.uuid();
        else if (s.format === 'email')
          base = fc.oneof(fc.constantFrom('admin@test.local', 'nobody@test.local'), fc.emailAddress());
        else if (s.pattern)
          base = fc.oneof(
            fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 1e9)),
            fc.string({ minLength: min, maxLength: max }),
          );
        else base = fc.string({ minLength: min, maxLength: max });
        break;
      }
      case 'integer':
        base = fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
        break;
      case 'number':
        base = fc.double({ noNaN: true, noDefaultInfinity: true });
        break;
      case 'boolean':
        base = fc.boolean();
        break;
      case 'array': {
        const min = s.minItems ?? 0;
        base = fc.array(shaped(s.items, depth + 1), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 3, 3)) });
        break;
      }
      case 'object': {
        const props = s.properties ?? {};
        if (Object.keys(props).length === 0) {
          base = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
        } else {
          const model: Record<string, fc.Arbitrary<unknown>> = {};
          for (const [k, v] of Object.entries(props)) model[k] = shaped(v, depth + 1);
          base = fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
        }
        break;
      }
      default:
        base = fc.jsonValue({ maxDepth: 2 });
    }
  }
  return s.nullable ? fc.option(base, { nil: null }) : base;
}

/** A value of some JSON type, usually the wrong one for the field it replaces. */
const anyType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER * 10, -0, 1e308, -1e308, 0.5, '', ' ', '\u0000', '0', 'true', 'null', '💥'),
);

const deepJson = fc
  .tuple(fc.constantFrom(64, 512, 4096, 20_000), fc.constantFrom('array', 'object'))
  .map(([d, k]) => (k === 'array' ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d)));

const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[',
    'nul',
    '{"a":1,}',
    "{'a':1}",
    '\u0000',
    '{"a":1}{"b":2}',
    '{"__proto__":',
    '"\\ud800"',
    '{"a":"\\x"}',
    '[1,2',
    'NaN',
    '{"a":01}',
    '\ufeff{}',
  ),
  fc.string({ maxLength: 40 }).map((s) => `{${s}`),
  fc.string({ maxLength: 40 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

const badPathValues = fc.oneof(
  fc.constantFrom(
    '..',
    '../',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e',
    '%2e%2e%2f',
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '%00',
    '%zz',
    '%',
    '%C0%AF',
    '%E2%80%AE',
    ' ',
    '%20',
    'ALPHA',
    '-alpha-',
    "alpha'--",
    'alpha%22%3E%3Cscript%3E',
    '0',
    '-1',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    '%F0%9F%92%A5',
    '*',
    ';',
    'a'.repeat(300),
    '1'.repeat(5000),
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  ),
  fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
);

const badQueries = fc.oneof(
  fc.constantFrom(
    '?a=1&a=2',
    '?__proto__[x]=1',
    '?constructor[prototype][x]=1',
    '?%zz',
    '?%',
    '?&&&',
    '?=',
    '?a',
    '?' + 'q=1&'.repeat(2000),
    '?slug=beta',
    '?limit=-1',
    '?limit=1e309',
    '?cursor=%00',
    '?a[b][c][d][e][f]=1',
    '?' + 'x'.repeat(10_000),
  ),
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 4 })
    .map((d) => '?' + new URLSearchParams(d).toString()),
);

const badContentTypes = fc.constantFrom(
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json;;',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/octet-stream',
  '*/*',
  'json',
  'application/json, text/plain',
  'application/vnd.api+json',
);

function fillPath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'x');
}

/** All the kinds of bad request for one operation; each kind is one branch of the oneof. */
function requestsFor(op: Operation, realIds: Record<string, string[]>): fc.Arbitrary<FuzzRequest> {
  // Path params: sometimes real fixture ids so the service code is reached, otherwise schema-shaped.
  // (Encoded here: raw, unencoded bytes are the bad_path_param branch's job.)
  const shapedParam = (s: JsonSchema) => shaped(s).map((v) => encodeURIComponent(String(v)));
  const paramArb = (p: { name: string; schema: JsonSchema }) =>
    realIds[p.name]?.length ? fc.oneof(fc.constantFrom(...realIds[p.name]), shapedParam(p.schema)) : shapedParam(p.schema);
  const paramsArb: fc.Arbitrary<Record<string, string>> = fc.record(
    Object.fromEntries(op.pathParams.map((p) => [p.name, paramArb(p)])),
  );
  const queryArb: fc.Arbitrary<string> = op.queryParams.length
    ? fc
        .record(Object.fromEntries(op.queryParams.map((q) => [q.name, shaped(q.schema).map(String)])), {
          requiredKeys: op.queryParams.filter((q) => q.required).map((q) => q.name),
        })
        .map((d) => '?' + new URLSearchParams(d as Record<string, string>).toString())
    : fc.constant('');
  const bodyArb = shaped(op.body ?? { type: 'object' });
  const props = Object.keys(op.body?.properties ?? {});
  const required = op.body?.required ?? [];
  const json = { 'content-type': 'application/json' };
  const make = (
    kind: string,
    params: Record<string, string>,
    query: string,
    payload: string | undefined,
    headers: Record<string, string> = json,
  ): FuzzRequest => ({
    kind,
    method: op.method,
    url: fillPath(op, params) + query,
    headers,
    payload,
  });
  const field = props.length ? fc.constantFrom(...props) : fc.string({ maxLength: 8 });
  const asObject = (b: unknown) => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {});

  const branches: fc.Arbitrary<FuzzRequest>[] = [
    fc.tuple(paramsArb, queryArb, bodyArb).map(([p, q, b]) => make('schema_shaped', p, q, JSON.stringify(b))),
    fc.tuple(paramsArb, queryArb, malformedJson).map(([p, q, b]) => make('malformed_json', p, q, b)),
    fc
      .tuple(paramsArb, queryArb, bodyArb, field, anyType)
      .map(([p, q, b, k, v]) => make('wrong_type', p, q, JSON.stringify({ ...asObject(b), [k]: v }))),
    fc.tuple(paramsArb, queryArb, anyType).map(([p, q, v]) => make('wrong_type_body', p, q, JSON.stringify(v))),
    fc.tuple(paramsArb, queryArb, bodyArb, fc.constantFrom(...(required.length ? required : ['-']))).map(([p, q, b, k]) => {
      const { [k]: _dropped, ...rest } = asObject(b);
      return make('missing_required', p, q, JSON.stringify(rest));
    }),
    fc
      .tuple(
        paramsArb,
        queryArb,
        bodyArb,
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'roles', 'networkId', 'id'),
        ),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([p, q, b, k, v]) =>
        // Built as text: an object literal with __proto__ would not serialize the key.
        make(
          'extra_field',
          p,
          q,
          JSON.stringify(asObject(b))
            .replace(/^\{/, `{${JSON.stringify(k)}:${JSON.stringify(v)},`)
            .replace(/,\}$/, '}'),
        ),
      ),
    fc
      .tuple(paramsArb, queryArb, bodyArb, field, fc.constantFrom(300, 5_000, 60_000, 70_000, 200_000))
      .map(([p, q, b, k, n]) => make('huge_string', p, q, JSON.stringify({ ...asObject(b), [k]: 'x'.repeat(n) }))),
    fc.tuple(paramsArb, queryArb, bodyArb, field, deepJson).map(([p, q, b, k, deep]) => {
      const text = JSON.stringify({ ...asObject(b), [k]: 0 });
      return make('deep_nesting', p, q, text.replace(`${JSON.stringify(k)}:0`, `${JSON.stringify(k)}:${deep}`));
    }),
    fc
      .tuple(paramsArb, queryArb, bodyArb, badContentTypes)
      .map(([p, q, b, ct]) =>
        make(
          'wrong_content_type',
          p,
          q,
          ct === 'application/x-www-form-urlencoded' ? 'a=1&roles[]=x&__proto__[y]=2' : JSON.stringify(b),
          { 'content-type': ct },
        ),
      ),
    fc.tuple(paramsArb, badQueries, bodyArb).map(([p, q, b]) => make('bad_query', p, q, JSON.stringify(b))),
  ];
  if (op.pathParams.length) {
    branches.push(
      fc
        .tuple(paramsArb, fc.constantFrom(...op.pathParams.map((p) => p.name)), badPathValues, bodyArb)
        .map(([p, name, bad, b]) => make('bad_path_param', { ...p, [name]: bad }, '', JSON.stringify(b))),
    );
  }
  return fc.oneof(...branches);
}

/** What is wrong with one response, or undefined if it is acceptable. */
function problemWith(res: { statusCode: number; body: string; headers: Record<string, unknown> }): string | undefined {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return undefined;
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json'))
    return `status ${res.statusCode} with content-type ${res.headers['content-type']}: ${res.body.slice(0, 200)}`;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(res.body);
  } catch {
    return `status ${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 200)}`;
  }
  const e = body?.error;
  if (!e || typeof e.code !== 'string' || !/^[a-z_]+$/.test(e.code) || typeof e.message !== 'string' || e.message.length === 0) {
    return `status ${res.statusCode} without the error envelope: ${res.body.slice(0, 300)}`;
  }
  if (!KNOWN_CODES.has(e.code)) return `status ${res.statusCode} with a code not in ERROR_CODES: ${e.code}`;
  return undefined;
}

/** A response as the checks need it; `streamed` when a live event stream opened (and was closed at once). */
interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  streamed: boolean;
}

/**
 * inject, but streaming: an SSE route that opens (e.g. once fuzzed settings switch a
 * public stream on) never ends, so its headers are taken and the stream closed. A deadline
 * turns any other hang into a failure that names the request instead of a test timeout.
 */
async function injectStreaming(
  app: FastifyInstance,
  opts: { method: string; url: string; headers: Record<string, string>; remoteAddress?: string; payload?: string },
): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within 10 s: ${opts.method} ${opts.url.slice(0, 200)}`)), 10_000);
  });
  try {
    return await Promise.race([
      (async () => {
        const res = await app.inject({ ...opts, method: opts.method as 'GET', payloadAsStream: true });
        const stream = res.stream();
        if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          stream.destroy();
          return { statusCode: res.statusCode, headers: res.headers, body: '', streamed: true };
        }
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(Buffer.from(chunk));
        return {
          statusCode: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          streamed: false,
        };
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A different source address per request, so the per-source rate limits do not turn the run into 429s. */
let sourceCounter = 0;
const nextSource = () => {
  sourceCounter++;
  return `10.${(sourceCounter >> 16) & 255}.${(sourceCounter >> 8) & 255}.${sourceCounter & 255}`;
};

describe.each(DIALECTS)('OpenAPI fuzz on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let doc: Parameters<typeof operationsOf>[0];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => t.close());

  it('the OpenAPI document lists every API route the app registered', () => {
    const documented = new Set(operationsOf(doc).map((o) => `${o.method} ${o.path.replace(/\{([^}]+)\}/g, ':$1')}`));
    const registered = new Set<string>();
    for (const route of t.app.routeCatalog) {
      if ((route.schema as { hide?: boolean } | undefined)?.hide) continue;
      if (!route.url.startsWith('/api/') && route.url !== '/healthz') continue;
      for (const m of Array.isArray(route.method) ? route.method : [route.method])
        if (m !== 'HEAD') registered.add(`${m} ${route.url}`);
    }
    expect([...documented].sort()).toEqual([...registered].sort());
  });

  it('answers every bad input to every operation with a 4xx envelope, never a 5xx', { timeout: 120_000 }, async () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThanOrEqual(30);
    const memberships = Object.values(f.accounts)
      .map((a) => a.membershipId)
      .filter((x): x is string => !!x);
    const realIds: Record<string, string[]> = {
      slug: [f.slug, f.otherSlug],
      orgId: [f.orgA, f.orgB, f.pendingOrg],
      membershipId: memberships,
    };
    let adminCookie = await signIn(t.app, f.accounts.admin.email);
    const failures: string[] = [];
    let exercised = 0;
    let requests = 0;
    const statusSeen = new Map<number, number>();

    const send = async (app: FastifyInstance, r: FuzzRequest, cookie: string | undefined) => {
      requests++;
      const res = await injectStreaming(app, {
        method: r.method,
        url: r.url,
        headers: { ...r.headers, ...(cookie ? { cookie } : {}) },
        remoteAddress: nextSource(),
        ...(r.payload === undefined ? {} : { payload: r.payload }),
      });
      statusSeen.set(res.statusCode, (statusSeen.get(res.statusCode) ?? 0) + 1);
      return res;
    };

    for (const op of ops) {
      for (const signedIn of [false, true]) {
        const result = await fc.check(
          fc.asyncProperty(requestsFor(op, realIds), async (r) => {
            const res = await send(t.app, r, signedIn ? adminCookie : undefined);
            // Signing out (or a session change) ends the admin's session: start a new one.
            const setCookie = String(res.headers['set-cookie'] ?? '');
            if (signedIn && setCookie.includes('sb_session=')) adminCookie = await signIn(t.app, f.accounts.admin.email);
            const problem = problemWith(res);
            if (problem) throw new Error(problem);
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
        );
        exercised++;
        if (result.failed) {
          const [r] = result.counterexample ?? [];
          const shown = r
            ? `${r.kind}: ${r.method} ${r.url.slice(0, 200)} ct=${r.headers['content-type']} body=${(r.payload ?? '').slice(0, 200)}`
            : '?';
          failures.push(
            `${op.method} ${op.path} (${signedIn ? 'admin' : 'signed out'}) seed=${result.seed} → ${(result.errorInstance as Error)?.message}\n    ${shown}`,
          );
        }
      }
    }
    expect(failures.join('\n')).toBe('');
    expect(exercised).toBe(ops.length * 2);
    expect(requests).toBeGreaterThanOrEqual(ops.length * 2 * RUNS);
    // The run must have reached past validation somewhere: some 2xx, some 401, some 400.
    expect([...statusSeen.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statusSeen.get(400) ?? 0).toBeGreaterThan(0);
    expect(statusSeen.get(401) ?? 0).toBeGreaterThan(0);
  });
});
