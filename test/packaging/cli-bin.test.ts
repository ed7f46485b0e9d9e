import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm ci` builds the workspace (the root `prepare` script) and links the CLI's bin, so the
// README's `npx glassbox` runs the local command instead of fetching a package of that name.
const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('npx glassbox in the repository', () => {
  it('runs the local CLI', () => {
    const out = execFileSync('npx', ['--no-install', 'glassbox', '--help'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(out).toMatch(/^Usage: glassbox <command>/);
    expect(out).toContain('serve');
  });

  it('is built by npm ci through the root prepare script', () => {
    const manifest = JSON.parse(
      execFileSync('npm', ['pkg', 'get', 'scripts.prepare'], { cwd: repo, encoding: 'utf8' }),
    ) as string;
    expect(manifest).toBe('npm run build');
  });
});
