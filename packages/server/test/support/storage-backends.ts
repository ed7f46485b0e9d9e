import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPostgresSchema, openStorage, type Storage } from '@glassbox/store';

/** The PostgreSQL server the tests run against. */
export const TEST_DATABASE_URL =
  process.env.GLASSBOX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A real database behind a test: open more than one Storage on it to act as replicas. */
export interface RealDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<Storage>;
  dispose(): Promise<void>;
}

/** A fresh SQLite data directory or PostgreSQL schema, and the way to throw it away. */
export const REAL_DATABASES: { name: RealDatabase['name']; create(): Promise<RealDatabase> }[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = await mkdtemp(join(tmpdir(), 'glassbox-server-'));
      return {
        name: 'sqlite',
        open: () => openStorage({ dataDir: dir }),
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    async create() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      return {
        name: 'postgres',
        open: () => openStorage({ databaseUrl: TEST_DATABASE_URL, schema }),
        dispose: () => dropPostgresSchema(TEST_DATABASE_URL, schema),
      };
    },
  },
];
