import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Web code takes values from '@switchboard/shared/runtime' (no zod) and only types from
 * '@switchboard/shared': the full package builds every zod schema when it loads, about a
 * third of a phone's first download. `import type` is erased before modules resolve, so
 * only a value import reaches here, and it fails the build with what to do instead.
 */
function sharedTypesOnly(): Plugin {
  return {
    name: 'switchboard-shared-types-only',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id !== '@switchboard/shared') return null;
      this.error(
        `${importer ?? 'a module'} imports a value from '@switchboard/shared'. ` +
          "Import values from '@switchboard/shared/runtime' and use `import type` for schemas.",
      );
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [sharedTypesOnly(), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
