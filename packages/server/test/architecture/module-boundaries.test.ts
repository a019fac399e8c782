import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../src/modules.ts';
import { createTestDatabase, type TestDatabase } from '../harness/dialects.ts';
import { importsOf, shippedSources, tablesQueried, type SourceFile } from './source-files.ts';

// docs/architecture.md states these rules; dependency-cruiser (npm run check:deps) checks the
// path rules too. What only this test can say: no two modules depend on each other through any
// chain, the module list is in dependency order, and each table is queried by its owner only.

/** Tables below every module: the audit chain and the platform's key–value state (platform/audit, platform/state). */
const PLATFORM_TABLES: Record<string, string> = {
  audit_log: 'platform/audit/',
  audit_anchors: 'platform/audit/',
  system_state: 'platform/state/',
};
/** Bookkeeping of the migrator itself. */
const MIGRATOR_TABLES = new Set(['schema_migrations']);

const sources = shippedSources();
const moduleOf = (path: string) => path.match(/^modules\/([^/]+)\//)?.[1];

/** Module → the modules it imports, from every shipped file in its folder. */
function moduleGraph(files: SourceFile[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const f of files) {
    if (!f.module) continue;
    const deps = graph.get(f.module) ?? new Set<string>();
    for (const target of importsOf(f)) {
      const other = moduleOf(target);
      if (other && other !== f.module) deps.add(other);
    }
    graph.set(f.module, deps);
  }
  return graph;
}

/** A cycle in the graph, as a path that returns to its start, or undefined. */
export function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (m: string): string[] | undefined => {
    if (state.get(m) === 'done') return undefined;
    if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
    state.set(m, 'open');
    stack.push(m);
    for (const d of graph.get(m) ?? []) {
      const cycle = visit(d);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(m, 'done');
    return undefined;
  };
  for (const m of graph.keys()) {
    const cycle = visit(m);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('module boundaries', () => {
  const graph = moduleGraph(sources);

  it('lists every module folder once in src/modules.ts, and nothing else', () => {
    const folders = [...new Set(sources.flatMap((f) => (f.module ? [f.module] : [])))].sort();
    expect(MODULES.map((m) => m.name).sort()).toEqual(folders);
  });

  it('has no cycle between modules, through any chain of imports', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const withCycle = new Map(graph);
    withCycle.set('identity', new Set([...(graph.get('identity') ?? []), 'networks']));
    expect(findCycle(withCycle)).toEqual(expect.arrayContaining(['identity', 'networks']));
  });

  it('keeps the module list in dependency order: each module imports only modules listed before it', () => {
    const position = new Map(MODULES.map((m, i) => [m.name, i]));
    const late = [...graph].flatMap(([m, deps]) =>
      [...deps].filter((d) => position.get(d)! > position.get(m)!).map((d) => `${m} imports ${d}, listed after it`),
    );
    expect(late).toEqual([]);
  });

  it('reaches other modules through their index.ts only', () => {
    const reachIn = sources.flatMap((f) =>
      importsOf(f)
        .filter((t) => moduleOf(t) && moduleOf(t) !== f.module && !/^modules\/[^/]+\/index\.ts$/.test(t))
        .map((t) => `${f.path} → ${t}`),
    );
    // The composition root (app, main, cli, demo, modules.ts) goes through faces too.
    expect(reachIn).toEqual([]);
  });

  it('never lets platform or db import a module', () => {
    const upward = sources
      .filter((f) => /^(platform|db)\//.test(f.path))
      .flatMap((f) =>
        importsOf(f)
          .filter((t) => t.startsWith('modules/'))
          .map((t) => `${f.path} → ${t}`),
      );
    expect(upward).toEqual([]);
  });
});

describe('table ownership', () => {
  let t: TestDatabase;
  let schemaTables: string[];
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    schemaTables = (await t.database.db.introspection.getTables()).map((tbl) => tbl.name).filter((n) => !MIGRATOR_TABLES.has(n));
  });
  afterAll(() => t.drop());

  const owners = () => {
    const map = new Map<string, string>();
    for (const m of MODULES) for (const table of m.tables) map.set(table, m.name);
    return map;
  };

  it('gives every table of the schema exactly one owner: a module (in its face) or platform', () => {
    const claims = MODULES.flatMap((m) => m.tables.map((table) => table as string));
    expect(claims.length).toBe(new Set(claims).size);
    const owned = new Set([...claims, ...Object.keys(PLATFORM_TABLES)]);
    expect(schemaTables.filter((n) => !owned.has(n))).toEqual([]);
    expect([...owned].filter((n) => !schemaTables.includes(n))).toEqual([]);
  });

  it('queries a module’s tables only in that module’s *.repository.ts files', () => {
    const owner = owners();
    const known = new Set(schemaTables);
    const wrong: string[] = [];
    for (const f of sources) {
      // db/ is below every module: migrations create the tables, the migrator keeps its own.
      if (f.path.startsWith('db/')) continue;
      for (const use of tablesQueried(f, known)) {
        const where = `${f.path}:${use.line} ${use.table}`;
        const platformHome = PLATFORM_TABLES[use.table];
        if (platformHome) {
          if (!f.path.startsWith(platformHome)) wrong.push(`${where} (platform's, ${platformHome})`);
          continue;
        }
        const mine = owner.get(use.table);
        if (f.module !== mine) wrong.push(`${where} (owned by ${mine})`);
        else if (!f.path.endsWith('.repository.ts')) wrong.push(`${where} (outside a repository)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds a query outside its owner (the check can fail)', () => {
    const known = new Set(schemaTables);
    const ts = shippedSources().find((f) => f.path === 'modules/reports/reports.repository.ts')!;
    expect(tablesQueried(ts, known).map((u) => u.table)).toContain('incidents');
  });
});
