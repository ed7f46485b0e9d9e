import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative } from 'node:path';

/**
 * Which workspace packages each package may import, as `../shared/ARCHITECTURE.md` draws
 * it: dependencies point inward to core. Changing this table is a deliberate edit of the
 * architecture picture too.
 */
export const ALLOWED_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  core: [],
  store: ['core'],
  server: ['core', 'store'],
  sdk: ['core'],
  simulator: ['core', 'sdk'],
  ui: ['core'],
  gateway: ['core'],
  cli: ['core', 'store', 'server', 'sdk', 'simulator', 'gateway'],
};

/**
 * Folders inside a package that must not import from certain others: a port knows no
 * adapter, and adapters stay apart (the in-memory store is a test double, not a SQL store).
 */
export const FOLDER_RULES: readonly { from: string; notTo: readonly string[] }[] = [
  {
    from: 'packages/store/src/ports/',
    notTo: ['memory/', 'sql/', 'sqlite/', 'postgres/'].map((f) => `packages/store/src/${f}`),
  },
  {
    from: 'packages/store/src/memory/',
    notTo: ['sql/', 'sqlite/', 'postgres/'].map((f) => `packages/store/src/${f}`),
  },
  { from: 'packages/store/src/sql/', notTo: ['packages/store/src/memory/'] },
];

/** Node globals that tie code to Node; core runs in the browser too. */
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'setImmediate'];

export interface SourceFile {
  /** The package folder name: `core`, `store`, ... */
  pkg: string;
  /** Path relative to the repository, for messages. */
  path: string;
  text: string;
}

export interface Violation {
  path: string;
  problem: string;
}

const IMPORT_SPECIFIER =
  /(?:^|[;\s])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module specifier a file imports or re-exports (static or dynamic with a literal). */
export function importSpecifiers(text: string): string[] {
  const code = stripComments(text);
  const found: string[] = [];
  for (const match of code.matchAll(IMPORT_SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) found.push(specifier);
  }
  return found;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Co-located tests may use the test runner and Node; what core ships may not. */
function isTest(file: SourceFile): boolean {
  return /\.test\.tsx?$/.test(file.path);
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

/**
 * The layering rules broken by `files`: a workspace import outside the table, and for core,
 * a Node built-in, a workspace package, a package core's package.json does not declare
 * (`coreDependencies`: pure, browser-safe libraries only) or a Node global.
 *
 * @example
 * findLayeringViolations([{ pkg: 'core', path: 'x.ts', text: "import fs from 'node:fs';" }]);
 * // [{ path: 'x.ts', problem: "core imports 'node:fs' ..." }]
 */
export function findLayeringViolations(
  files: readonly SourceFile[],
  coreDependencies: readonly string[] = [],
): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const allowed = ALLOWED_DEPENDENCIES[file.pkg];
    if (!allowed) {
      violations.push({
        path: file.path,
        problem: `package ${file.pkg} is not in the dependency table`,
      });
      continue;
    }
    for (const specifier of importSpecifiers(file.text)) {
      const workspace = /^@glassbox\/([a-z-]+)/.exec(specifier)?.[1];
      if (workspace && workspace !== file.pkg && !allowed.includes(workspace)) {
        violations.push({
          path: file.path,
          problem: `${file.pkg} imports '${specifier}', but ${file.pkg} may depend only on ${allowed.join(', ') || 'nothing of ours'}`,
        });
      }
      if (
        file.pkg === 'core' &&
        !isTest(file) &&
        !specifier.startsWith('.') &&
        (workspace !== undefined ||
          isNodeBuiltin(specifier) ||
          !coreDependencies.includes(packageName(specifier)))
      ) {
        const what = workspace
          ? 'a workspace package'
          : isNodeBuiltin(specifier)
            ? 'a Node built-in'
            : 'a package missing from its package.json dependencies';
        violations.push({
          path: file.path,
          problem: `core imports '${specifier}' (${what}): core is pure, browser-safe code`,
        });
      }
    }
    if (file.pkg === 'core' && !isTest(file)) {
      const code = stripComments(file.text).replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""');
      for (const name of NODE_GLOBALS) {
        if (new RegExp(`(?<![.\\w$])${name}(?![\\w$])`).test(code)) {
          violations.push({
            path: file.path,
            problem: `core uses the Node global '${name}': core runs in the browser too`,
          });
        }
      }
    }
  }
  return violations;
}

/**
 * The FOLDER_RULES broken by `files` (paths relative to the repository, `/`-separated): a
 * relative import from a folder into one it must not reach.
 *
 * @example
 * findFolderViolations([{ pkg: 'store', path: 'packages/store/src/memory/a.ts', text: "import '../sql/b.js';" }]);
 * // [{ path: 'packages/store/src/memory/a.ts', problem: "imports '../sql/b.js' ..." }]
 */
export function findFolderViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const path = file.path.split('\\').join('/');
    for (const rule of FOLDER_RULES) {
      if (!path.startsWith(rule.from) || /\.test\.tsx?$/.test(path)) continue;
      for (const specifier of importSpecifiers(file.text)) {
        if (!specifier.startsWith('.')) continue;
        const target = posix.join(posix.dirname(path), specifier);
        const forbidden = rule.notTo.find((folder) => target.startsWith(folder));
        if (forbidden) {
          violations.push({
            path: file.path,
            problem: `imports '${specifier}', but ${rule.from} may not import from ${forbidden}`,
          });
        }
      }
    }
  }
  return violations;
}

/** The production sources of every package: `packages/<pkg>/src`, tests included. */
export function readPackageSources(repoRoot: string): SourceFile[] {
  const files: SourceFile[] = [];
  const packagesDir = join(repoRoot, 'packages');
  for (const pkg of readdirSync(packagesDir)) {
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          files.push({ pkg, path: relative(repoRoot, path), text: readFileSync(path, 'utf8') });
        }
      }
    };
    try {
      walk(join(packagesDir, pkg, 'src'));
    } catch {
      // A package without src (yet) has nothing to check.
    }
  }
  return files;
}

/** Workspace packages a package declares in package.json `dependencies` and tsconfig `references`. */
export function declaredDependencies(
  repoRoot: string,
  pkg: string,
): { source: string; dependency: string }[] {
  const found: { source: string; dependency: string }[] = [];
  const manifest = JSON.parse(
    readFileSync(join(repoRoot, 'packages', pkg, 'package.json'), 'utf8'),
  ) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const dependency = /^@glassbox\/(.+)$/.exec(name)?.[1];
    if (dependency) found.push({ source: `packages/${pkg}/package.json dependencies`, dependency });
  }
  try {
    const tsconfig = JSON.parse(
      readFileSync(join(repoRoot, 'packages', pkg, 'tsconfig.json'), 'utf8'),
    ) as {
      references?: { path: string }[];
    };
    for (const { path } of tsconfig.references ?? []) {
      const dependency = /^\.\.\/([a-z-]+)$/.exec(path)?.[1];
      if (dependency)
        found.push({ source: `packages/${pkg}/tsconfig.json references`, dependency });
    }
  } catch {
    // The UI has no build references; its imports are checked above.
  }
  return found;
}

/** The npm packages core declares: the only non-relative imports core may make. */
export function coreDependencies(repoRoot: string): string[] {
  const manifest = JSON.parse(
    readFileSync(join(repoRoot, 'packages/core/package.json'), 'utf8'),
  ) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {});
}
