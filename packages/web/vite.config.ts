import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: {
    // Bundle only the runtime constants of the shared package, not its zod
    // schemas (see src/app/shared-runtime.ts).
    alias: [
      {
        find: /^@switchboard\/shared$/,
        replacement: fileURLToPath(new URL('./src/app/shared-runtime.ts', import.meta.url)),
      },
    ],
  },
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
