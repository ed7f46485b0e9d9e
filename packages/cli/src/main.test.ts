import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built command, as people run it. `npm test` builds first; alone, run `npx tsc -b packages/cli`.
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function requireBuild(): void {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`npx tsc -b packages/cli\` first`);
}

describe('dist/main.js as a child process', () => {
  it('prints help and exits 0', () => {
    requireBuild();
    const result = spawnSync(process.execPath, [MAIN, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: glassbox <command>[\s\S]*serve[\s\S]*keys/);
  });

  it('exits 2 naming an unknown flag', () => {
    requireBuild();
    const result = spawnSync(process.execPath, [MAIN, 'serve', '--bogus'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown option --bogus for "serve"/);
  });

  it('serves until SIGTERM, then shuts down cleanly with exit 0', async () => {
    requireBuild();
    const dataDir = mkdtempSync(join(tmpdir(), 'glassbox-main-'));
    try {
      const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--data-dir', dataDir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Glassbox listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toMatch(/Shutting down \(SIGTERM\)[\s\S]*Stopped\./);
      expect(err).toBe('');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
