import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = ['core', 'store', 'server', 'sdk', 'simulator', 'gateway', 'cli'];
const source = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests run against sources, not builds, so one package's change is seen by the others at once.
export default defineConfig({
  resolve: {
    alias: [
      ...packages.map((name) => ({
        find: new RegExp(`^@glassbox/${name}$`),
        replacement: source(`${name}/src/index.ts`),
      })),
      // Core's domains are subpaths (see its package.json "exports").
      // Test-only helpers (span factory, labelled corpus, observations); never published.
      { find: /^@glassbox\/core\/testing$/, replacement: source('core/test/index.ts') },
      { find: /^@glassbox\/core\/([a-z-]+)$/, replacement: source('core/src/$1/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
