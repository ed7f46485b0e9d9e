import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = ['core', 'store', 'server', 'sdk', 'simulator', 'cli'];

// Tests run against sources, not builds, so one package's change is seen by the others at once.
export default defineConfig({
  resolve: {
    alias: Object.fromEntries(
      packages.map((name) => [
        `@glassbox/${name}`,
        fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
      ]),
    ),
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
