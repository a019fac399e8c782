import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The server's src folder. */
export const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Tests and their kits may reach anywhere to set a scene; the rules are for the code that ships. */
const NOT_SHIPPED = /(\.test\.ts|\.test-kit\.ts|\.test-support\.ts|\.fixtures\.ts)$/;

/** One shipped source file, parsed. */
export interface SourceFile {
  /** Path from src/, with forward slashes. */
  path: string;
  /** The module folder it sits in (`modules/<name>/…`), if any. */
  module?: string;
  ast: ts.SourceFile;
}

/** Every shipped .ts file under src/, parsed once per test run. */
export function shippedSources(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !NOT_SHIPPED.test(name)) {
        const path = relative(SRC, full).split('\\').join('/');
        const ast = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022, true);
        out.push({ path, module: path.match(/^modules\/([^/]+)\//)?.[1], ast });
      }
    }
  };
  walk(SRC);
  return out;
}

/** The files a source imports (static, dynamic and re-exports), as paths from src/. */
export function importsOf(file: SourceFile): string[] {
  const found: string[] = [];
  const add = (spec: string) => {
    if (spec.startsWith('.'))
      found.push(
        relative(SRC, resolve(SRC, dirname(file.path), spec))
          .split('\\')
          .join('/'),
      );
  };
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      add(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) add(arg.text);
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      add(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return found;
}

/** Kysely's builder calls whose first argument names a table. */
const TABLE_CALLS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'replaceInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
]);
/** Table names in raw SQL text. */
const RAW_TABLE = /\b(?:from|join|into|update)\s+"?([a-z_]+)"?/gi;

/** One place a source names a table in a query. */
export interface TableUse {
  table: string;
  line: number;
}

/** Every table a source queries: Kysely builder calls with a literal table, and table names in sql`…` or SQL strings. */
export function tablesQueried(file: SourceFile, knownTables: ReadonlySet<string>): TableUse[] {
  const uses: TableUse[] = [];
  const lineOf = (node: ts.Node) => file.ast.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const rawText = (text: string, node: ts.Node) => {
    if (!/\b(select|insert|update|delete)\b/i.test(text)) return;
    for (const m of text.matchAll(RAW_TABLE)) if (knownTables.has(m[1])) uses.push({ table: m[1], line: lineOf(node) });
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      TABLE_CALLS.has(node.expression.name.text)
    ) {
      const [arg] = node.arguments;
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
        const table = arg.text.split(/\s+as\s+/)[0].trim();
        if (knownTables.has(table)) uses.push({ table, line: lineOf(node) });
      }
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) rawText(node.text, node);
    if (ts.isTemplateExpression(node))
      rawText([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '), node);
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return uses;
}
