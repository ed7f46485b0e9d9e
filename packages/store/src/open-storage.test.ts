import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from './open-storage.js';
import { SQLITE_FILE_NAME } from './sqlite/sqlite-storage.js';
import { StoreError } from './store-error.js';

describe('openStorage', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-open-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a missing data directory and keeps data across opens', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = await openStorage({ dataDir: dir });
    expect(first.backend).toBe('sqlite');
    const project = await first.projects.ensureProject('kept');
    await first.close();
    const second = await openStorage({ dataDir: dir });
    expect(await second.projects.ensureProject('kept')).toEqual(project);
    await second.close();
    expect(() => writeFileSync(join(dir, SQLITE_FILE_NAME), '', { flag: 'wx' })).toThrow();
  });

  it('names a data directory that cannot be created', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const error = await openStorage({ dataDir: join(file, 'sub') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'data_dir_not_writable' });
    expect((error as Error).message).toContain(join(file, 'sub'));
  });

  it('refuses a URL that is not PostgreSQL', async () => {
    await expect(openStorage({ databaseUrl: 'mysql://root@localhost/db' })).rejects.toMatchObject({
      code: 'unsupported_database_url',
      message: expect.stringContaining('"mysql"'),
    });
  });

  it('names the host and port of an unreachable PostgreSQL', async () => {
    const error = await openStorage({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'database_unreachable' });
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(
      openStorage({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', schema: 'x; drop' }),
    ).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});
