import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What the README tells an application to do: pack @glassbox/core and @glassbox/sdk from the
// checkout, install both tarballs into an app, import them from JavaScript and TypeScript.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

interface PackedFile {
  path: string;
}
interface PackResult {
  name: string;
  filename: string;
  files: PackedFile[];
}

describe('the SDK installs into an application from packed tarballs', () => {
  let work: string;
  let packed: PackResult[];
  const app = () => join(work, 'app');

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'glassbox-pack-'));
    const json = execFileSync(
      'npm',
      ['pack', '-w', '@glassbox/core', '-w', '@glassbox/sdk', '--pack-destination', work, '--json'],
      { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    packed = JSON.parse(json) as PackResult[];
    execFileSync('mkdir', [app()]);
    writeFileSync(
      join(app(), 'package.json'),
      JSON.stringify({ name: 'app', private: true, type: 'module' }),
    );
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...packed.map((p) => join(work, p.filename)),
      ],
      { cwd: app(), stdio: 'ignore' },
    );
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs both packages as public, with every export target inside the tarball', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(['@glassbox/core', '@glassbox/sdk']);
    for (const result of packed) {
      const dir = result.name.replace('@glassbox/', '');
      const manifest = JSON.parse(
        readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8'),
      ) as { private?: boolean; exports: Record<string, { types: string; default: string }> };
      expect(manifest.private, `${result.name} is private`).toBeUndefined();
      const paths = new Set(result.files.map((f) => f.path));
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        for (const file of [target.types, target.default]) {
          expect(paths.has(file.replace(/^\.\//, '')), `${result.name} ${subpath} -> ${file}`).toBe(
            true,
          );
        }
      }
      expect(
        [...paths].filter((p) => p.endsWith('.test.ts') || p.endsWith('.tsbuildinfo')),
      ).toEqual([]);
    }
  });

  it('imports the SDK and a core subpath from plain JavaScript', () => {
    const out = execFileSync(
      'node',
      [
        '--input-type=module',
        '-e',
        "const sdk = await import('@glassbox/sdk'); const c = await import('@glassbox/core/classify');" +
          'console.log(typeof sdk.init, typeof sdk.instrumentOpenAI, typeof c.ClassifierError);',
      ],
      { cwd: app(), encoding: 'utf8' },
    );
    expect(out.trim()).toBe('function function function');
  });

  it('type-checks an application that uses the SDK', () => {
    writeFileSync(
      join(app(), 'index.ts'),
      "import { init } from '@glassbox/sdk';\ninit({ serviceName: 'app' });\n",
    );
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--skipLibCheck', 'index.ts'];
    expect(() => execFileSync('node', [tsc, ...args], { cwd: app(), stdio: 'pipe' })).not.toThrow();
    writeFileSync(join(app(), 'wrong.ts'), "import { init } from '@glassbox/sdk';\ninit(42);\n");
    expect(() =>
      execFileSync('node', [tsc, ...args.slice(0, -1), 'wrong.ts'], { cwd: app(), stdio: 'pipe' }),
    ).toThrow();
  });
});
