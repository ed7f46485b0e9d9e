import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Core is bundled from source so the UI build does not depend on core's build order.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      {
        find: /^@glassbox\/core\/([a-z-]+)$/,
        replacement: fileURLToPath(new URL('../core/src/$1/index.ts', import.meta.url)),
      },
    ],
  },
  // `npm run dev -w @glassbox/ui` serves the UI with hot reload against a running server.
  server: {
    proxy: Object.fromEntries(
      ['/api', '/v1'].map((path) => [path, process.env.GLASSBOX_URL ?? 'http://127.0.0.1:4318']),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
