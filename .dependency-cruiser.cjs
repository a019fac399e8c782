// Dependency rules for the whole tree (docs/architecture.md explains them).
// `npm run check:deps` runs them; packages/server/test/architecture/ adds what a path
// rule cannot say (no two modules import each other, a module owns its tables).

const SERVER = '^packages/server/src';
const WEB = '^packages/web/src';
// Tests and their kits may reach into any module to set up a scene.
const TESTS = '(\\.test\\.tsx?|\\.test-kit\\.ts|\\.test-support\\.ts|\\.fixtures\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'A file must not reach itself through its imports. Cycles made only of type imports are allowed: they vanish at run time (Deps holds the Wiring whose handlers receive Deps).',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'platform-not-to-modules',
      comment: 'platform and db are below every module: they never import one (house rule 13).',
      severity: 'error',
      from: { path: `${SERVER}/(platform|db)/`, pathNot: TESTS },
      to: { path: `${SERVER}/modules/` },
    },
    {
      name: 'modules-through-their-face',
      comment: 'Another module is reached through its index.ts only, never its files (house rule 4).',
      severity: 'error',
      from: { path: `${SERVER}/modules/([^/]+)/`, pathNot: TESTS },
      to: { path: `${SERVER}/modules/[^/]+/`, pathNot: [`${SERVER}/modules/$1/`, `${SERVER}/modules/[^/]+/index\\.ts$`] },
    },
    {
      name: 'modules-not-to-composition',
      comment: 'app.ts, main.ts, cli.ts and the demo compose modules; modules never import them.',
      severity: 'error',
      from: { path: `${SERVER}/(modules|platform|db)/`, pathNot: TESTS },
      to: { path: `${SERVER}/(app|main|cli|bootstrap|modules-list)\\.ts$|${SERVER}/demo/` },
    },
    {
      name: 'shared-stands-alone',
      comment: 'packages/shared is used by the server and the web app; it imports neither.',
      severity: 'error',
      from: { path: '^packages/shared/' },
      to: { path: '^packages/(server|web)/' },
    },
    {
      name: 'shared-by-name',
      comment: "The shared package is imported as '@switchboard/shared', never by a relative path into it.",
      severity: 'error',
      from: { path: '^packages/(server|web)/', pathNot: TESTS },
      to: { path: '^packages/shared/', dependencyTypesNot: ['aliased-workspace'] },
    },
    {
      name: 'web-without-server-strings',
      comment:
        "Of the shared locale files the web bundle takes only errors.json; the others are the server's texts (docs/decisions/0009-server-strings.md).",
      severity: 'error',
      from: { path: '^packages/(web|shared)/', pathNot: TESTS },
      to: { path: '^packages/shared/src/locales/', pathNot: '/errors\\.json$' },
    },
    {
      name: 'web-features-apart',
      comment: 'A web feature never imports another feature: what two need lives in kit/.',
      severity: 'error',
      from: { path: `${WEB}/features/([^/]+)/`, pathNot: TESTS },
      to: { path: `${WEB}/features/`, pathNot: `${WEB}/features/$1/` },
    },
    {
      name: 'web-kit-below-features',
      comment: 'kit/ (UI, API client, stream, map, badges) is used by features and the shell; it imports neither.',
      severity: 'error',
      from: { path: `${WEB}/kit/`, pathNot: TESTS },
      to: { path: `${WEB}/(features|app)/` },
    },
    {
      name: 'web-features-below-shell',
      comment: 'The shell (app/) composes features; features never import the shell.',
      severity: 'error',
      from: { path: `${WEB}/features/`, pathNot: TESTS },
      to: { path: `${WEB}/app/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
