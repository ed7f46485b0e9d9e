import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// The README promises Node 20; npm only warns about an installed package that needs newer,
// so this check turns that warning into a failing test.
interface LockedPackage {
  version?: string;
  optional?: boolean;
  engines?: { node?: string } | string[];
}

// The current Node 20 release: some tools (promptfoo, vite) need a recent 20.x, none may need 22.
const OLDEST_SUPPORTED_NODE = '20.20.0';

function lockedPackages(): Record<string, LockedPackage> {
  const lockPath = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
  return (JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockedPackage> })
    .packages;
}

export function packagesExcludingNode(
  packages: Record<string, LockedPackage>,
  nodeVersion: string,
): string[] {
  return Object.entries(packages)
    .filter(([, entry]) => !entry.optional)
    .flatMap(([path, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (range === undefined || semver.satisfies(nodeVersion, range)) return [];
      return [`${path}@${entry.version ?? '?'} needs node ${range}`];
    });
}

describe('installed packages support the oldest Node we promise', () => {
  it('reads root package.json engines as >=20', () => {
    const rootPath = fileURLToPath(new URL('../../package.json', import.meta.url));
    const root = JSON.parse(readFileSync(rootPath, 'utf8')) as { engines: { node: string } };
    expect(root.engines.node).toBe('>=20');
  });

  it(`no required package in the lock file excludes Node ${OLDEST_SUPPORTED_NODE}`, () => {
    expect(packagesExcludingNode(lockedPackages(), OLDEST_SUPPORTED_NODE)).toEqual([]);
  });

  it('names a package whose engines exclude that Node', () => {
    const found = packagesExcludingNode(
      {
        'node_modules/cookie': { version: '2.0.2', engines: { node: '>=22' } },
        'node_modules/ok': { version: '1.0.0', engines: { node: '>=18' } },
        'node_modules/platform-binary': { optional: true, engines: { node: '>=25' } },
      },
      OLDEST_SUPPORTED_NODE,
    );
    expect(found).toEqual(['node_modules/cookie@2.0.2 needs node >=22']);
  });
});
