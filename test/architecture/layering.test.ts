import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_DEPENDENCIES,
  coreDependencies,
  declaredDependencies,
  findFolderViolations,
  findLayeringViolations,
  importSpecifiers,
  readPackageSources,
} from './import-graph.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('layering (../shared/ARCHITECTURE.md dependency table)', () => {
  it('every package appears in the table', () => {
    for (const pkg of readdirSync(`${repoRoot}/packages`)) {
      expect(ALLOWED_DEPENDENCIES, pkg).toHaveProperty(pkg);
    }
  });

  it('no source file imports against the table, and core stays pure', () => {
    const violations = findLayeringViolations(
      readPackageSources(repoRoot),
      coreDependencies(repoRoot),
    );
    expect(violations.map((v) => `${v.path}: ${v.problem}`)).toEqual([]);
  });

  it('no folder imports one its rules keep it from (ports know no adapter, adapters stay apart)', () => {
    const violations = findFolderViolations(readPackageSources(repoRoot));
    expect(violations.map((v) => `${v.path}: ${v.problem}`)).toEqual([]);
  });

  it('package.json dependencies and tsconfig references follow the table', () => {
    const wrong = readdirSync(`${repoRoot}/packages`).flatMap((pkg) =>
      declaredDependencies(repoRoot, pkg)
        .filter(({ dependency }) => !ALLOWED_DEPENDENCIES[pkg]!.includes(dependency))
        .map(({ source, dependency }) => `${source}: ${dependency}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('the layering check itself', () => {
  const check = (pkg: string, text: string, path = `packages/${pkg}/src/x.ts`) =>
    findLayeringViolations([{ pkg, path, text }]).map((v) => v.problem);

  it('reads static, type-only, re-export, side-effect and dynamic imports, not comments', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '@glassbox/core/model';",
      "export { c } from '../c.js';",
      "import 'side-effect';",
      "const d = await import('@glassbox/store');",
      "// import { e } from '@glassbox/server';",
      "/* import f from 'node:fs'; */",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual([
      './a.js',
      '@glassbox/core/model',
      '../c.js',
      'side-effect',
      '@glassbox/store',
    ]);
  });

  it('fails an import against the table', () => {
    expect(check('simulator', "import { buildApp } from '@glassbox/server';")).toEqual([
      "simulator imports '@glassbox/server', but simulator may depend only on core, sdk",
    ]);
    expect(check('ui', "import type { Storage } from '@glassbox/store';")).toHaveLength(1);
    expect(check('cli', "import { buildApp } from '@glassbox/server';")).toEqual([]);
  });

  it('fails core importing Node, a package, another workspace package or a Node global', () => {
    expect(check('core', "import { readFileSync } from 'node:fs';")[0]).toMatch(/Node built-in/);
    expect(check('core', "import { z } from 'zod';")[0]).toMatch(/missing from its package.json/);
    expect(
      findLayeringViolations(
        [{ pkg: 'core', path: 'packages/core/src/x.ts', text: "import { z } from 'zod/mini';" }],
        ['zod'],
      ),
    ).toEqual([]);
    expect(check('core', "import { x } from '@glassbox/store';")).toHaveLength(2);
    expect(check('core', "import { x } from '@glassbox/core/model';")[0]).toMatch(/workspace/);
    expect(check('core', 'const n = process.env.X;')[0]).toMatch(/Node global 'process'/);
    expect(check('core', 'const b = Buffer.from("x");')[0]).toMatch(/'Buffer'/);
  });

  it('fails the in-memory store importing the SQL folder, and a port importing an adapter', () => {
    const folder = (path: string, text: string) =>
      findFolderViolations([{ pkg: 'store', path, text }]).map((v) => v.problem);
    expect(
      folder('packages/store/src/memory/a.ts', "import { x } from '../sql/span-row.js';"),
    ).toEqual([
      "imports '../sql/span-row.js', but packages/store/src/memory/ may not import from packages/store/src/sql/",
    ]);
    expect(
      folder('packages/store/src/ports/a.ts', "import type { X } from '../memory/m.js';"),
    ).toHaveLength(1);
    expect(
      folder('packages/store/src/memory/a.ts', "import { x } from './memory-rows.js';"),
    ).toEqual([]);
    expect(folder('packages/store/src/memory/a.ts', "import { x } from '../traces/t.js';")).toEqual(
      [],
    );
  });

  it('lets core name Node globals in strings, comments and properties, and tests use Node', () => {
    expect(check('core', "const s = 'process'; // Buffer\nconst o = x.process;")).toEqual([]);
    expect(
      check('core', "import { readFileSync } from 'node:fs';", 'packages/core/src/a.test.ts'),
    ).toEqual([]);
  });
});
