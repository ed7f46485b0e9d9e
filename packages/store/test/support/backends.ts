import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import type { MemoryProjectStore } from '../../src/memory/memory-project-store.js';
import { createMemoryStorage } from '../../src/memory/memory-storage.js';
import { openStorage } from '../../src/open-storage.js';
import { dropPostgresSchema } from '../../src/postgres/postgres-storage.js';
import { SQLITE_FILE_NAME } from '../../src/sqlite/sqlite-storage.js';
import type { Storage } from '../../src/storage.js';

/** The PostgreSQL server the contract tests run against. */
export const TEST_DATABASE_URL =
  process.env.GLASSBOX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty storage and the way to throw it away. */
export interface TestBackend {
  name: string;
  open(): Promise<OpenBackend>;
}

export interface OpenBackend {
  storage: Storage;
  /** Every stored API key row as the backend keeps it, to prove no plaintext is stored. */
  apiKeyRows(): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

/** Every backend the contract suites run against. */
export const BACKENDS: TestBackend[] = [
  {
    name: 'memory',
    async open() {
      const storage = createMemoryStorage();
      const projects = storage.projects as MemoryProjectStore;
      return {
        storage,
        apiKeyRows: async () => projects.storedKeyHashes().map((key_hash) => ({ key_hash })),
        dispose: () => storage.close(),
      };
    },
  },
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'glassbox-store-'));
      const storage = await openStorage({ dataDir: dir });
      return {
        storage,
        async apiKeyRows() {
          const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
          try {
            return db.prepare('select * from api_keys').all() as Record<string, unknown>[];
          } finally {
            db.close();
          }
        },
        async dispose() {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const storage = await openStorage({ databaseUrl: TEST_DATABASE_URL, schema });
      return {
        storage,
        async apiKeyRows() {
          const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await client.connect();
          try {
            return (await client.query(`select * from "${schema}".api_keys`)).rows;
          } finally {
            await client.end();
          }
        },
        async dispose() {
          await storage.close();
          await dropPostgresSchema(TEST_DATABASE_URL, schema);
        },
      };
    },
  },
];

/**
 * Runs a port's contract suite against every backend, each test on a fresh, empty storage:
 * `opened` stands for the backend open in the running test.
 *
 * @example
 * describeEachBackend('LeaseStore', (opened) => {
 *   it('grants the lease', async () => expect(await opened.storage.detection.acquireLease(...)).toBe(true));
 * });
 */
export function describeEachBackend(port: string, suite: (opened: OpenBackend) => void): void {
  for (const backend of BACKENDS) {
    describe(`${port} contract (${backend.name})`, () => {
      let current: OpenBackend | undefined;
      beforeEach(async () => {
        current = await backend.open();
      });
      afterEach(async () => {
        await current?.dispose();
        current = undefined;
      });
      const live = (): OpenBackend => {
        if (!current) throw new Error('no backend is open outside a test');
        return current;
      };
      suite({
        get storage() {
          return live().storage;
        },
        apiKeyRows: () => live().apiKeyRows(),
        dispose: () => live().dispose(),
      });
    });
  }
}
