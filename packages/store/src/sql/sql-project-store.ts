import { randomUUID } from 'node:crypto';
import type { ClassifierThresholds } from '@glassbox/core/classify';
import type { Kysely } from 'kysely';
import { generateApiKey, hashApiKey } from '../projects/api-key.js';
import { checkProjectName } from '../projects/default-project.js';
import { checkThresholds } from '../projects/project-thresholds.js';
import type {
  ApiKeyRecord,
  AuthenticatedKey,
  NewApiKey,
  Project,
  ProjectStore,
} from '../ports/project-store.js';
import {
  checkKeyReference,
  isLiveKey,
  scopesForNewKey,
  scopesFromColumn,
  scopesToColumn,
} from '../projects/key-scopes.js';
import { StoreError } from '../store-error.js';
import type { ApiKeysTable, GlassboxDatabase, ProjectsTable } from './database-schema.js';

const toProject = (row: ProjectsTable): Project => ({
  id: row.id,
  name: row.name,
  createdAtMs: Number(row.created_at_ms),
});

const num = (value: number | null): number | null => (value === null ? null : Number(value));

const toKeyRecord = (row: ApiKeysTable): ApiKeyRecord => ({
  id: row.id,
  projectId: row.project_id,
  prefix: row.prefix,
  createdAtMs: Number(row.created_at_ms),
  scopes: scopesFromColumn(row.scopes),
  expiresAtMs: num(row.expires_at_ms),
  lastUsedAtMs: num(row.last_used_at_ms),
  revokedAtMs: num(row.revoked_at_ms),
});

/**
 * Projects and API keys in any Kysely SQL database. Keys are stored as SHA-256 hashes only.
 *
 * @example
 * const project = await projects.ensureProject('checkout-bot');
 * const { key } = await projects.createApiKey(project.id); // show once; never stored
 */
export class SqlProjectStore implements ProjectStore {
  constructor(private readonly db: Kysely<GlassboxDatabase>) {}

  async ensureProject(name: string): Promise<Project> {
    checkProjectName(name);
    await this.db
      .insertInto('projects')
      .values({ id: randomUUID(), name, created_at_ms: Date.now() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('projects')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return toProject(row);
  }

  async listProjects(): Promise<Project[]> {
    const rows = await this.db
      .selectFrom('projects')
      .selectAll()
      .orderBy('created_at_ms')
      .orderBy('name')
      .execute();
    return rows.map(toProject);
  }

  async createApiKey(
    projectId: string,
    options: NewApiKey = {},
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    return this.db.transaction().execute(async (trx) => {
      const project = await trx
        .selectFrom('projects')
        .select('id')
        .where('id', '=', projectId)
        .executeTakeFirst();
      if (!project) throw new StoreError('project_not_found', `no project with id "${projectId}"`);
      const nowMs = Date.now();
      const existing = (
        await trx.selectFrom('api_keys').selectAll().where('project_id', '=', projectId).execute()
      ).map(toKeyRecord);
      const scopes = scopesForNewKey(options.scopes, !existing.some((k) => isLiveKey(k, nowMs)));
      const { key, hash, prefix } = generateApiKey();
      const row: ApiKeysTable = {
        id: randomUUID(),
        project_id: projectId,
        key_hash: hash,
        prefix,
        created_at_ms: nowMs,
        scopes: scopesToColumn(scopes),
        expires_at_ms: options.expiresAtMs ?? null,
        last_used_at_ms: null,
        revoked_at_ms: null,
      };
      await trx.insertInto('api_keys').values(row).execute();
      return { key, record: toKeyRecord(row) };
    });
  }

  async resolveApiKey(key: string): Promise<Project | undefined> {
    return (await this.authenticateApiKey(key, Date.now()))?.project;
  }

  async authenticateApiKey(key: string, nowMs: number): Promise<AuthenticatedKey | undefined> {
    const row = await this.db
      .selectFrom('api_keys as k')
      .innerJoin('projects as p', 'p.id', 'k.project_id')
      .selectAll('k')
      .select(['p.name as project_name', 'p.created_at_ms as project_created_at_ms'])
      .where('k.key_hash', '=', hashApiKey(key))
      .executeTakeFirst();
    if (!row) return undefined;
    const record = toKeyRecord(row);
    if (!isLiveKey(record, nowMs)) return undefined;
    const project = toProject({
      id: row.project_id,
      name: row.project_name,
      created_at_ms: row.project_created_at_ms,
    });
    return { project, record };
  }

  async listApiKeys(projectId?: string): Promise<ApiKeyRecord[]> {
    let query = this.db.selectFrom('api_keys').selectAll();
    if (projectId !== undefined) query = query.where('project_id', '=', projectId);
    const rows = await query.orderBy('created_at_ms').orderBy('id').execute();
    return rows.map(toKeyRecord);
  }

  async findApiKey(
    projectId: string | undefined,
    idOrPrefix: string,
  ): Promise<ApiKeyRecord | undefined> {
    const ref = checkKeyReference(idOrPrefix);
    let query = this.db
      .selectFrom('api_keys')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', ref), eb('prefix', '=', ref)]));
    if (projectId !== undefined) query = query.where('project_id', '=', projectId);
    const rows = await query.limit(2).execute();
    if (rows.length > 1) {
      throw new StoreError('invalid_argument', `"${ref}" names more than one key; use its id`);
    }
    return rows[0] ? toKeyRecord(rows[0]) : undefined;
  }

  async revokeApiKey(
    projectId: string,
    id: string,
    nowMs: number,
  ): Promise<ApiKeyRecord | undefined> {
    await this.db
      .updateTable('api_keys')
      .set({ revoked_at_ms: nowMs })
      .where('id', '=', id)
      .where('project_id', '=', projectId)
      .where('revoked_at_ms', 'is', null)
      .execute();
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row ? toKeyRecord(row) : undefined;
  }

  async rotateApiKey(
    projectId: string,
    id: string,
    graceMs: number,
    nowMs: number,
  ): Promise<{ key: string; record: ApiKeyRecord; old: ApiKeyRecord } | undefined> {
    if (!Number.isFinite(graceMs) || graceMs < 0) {
      throw new StoreError(
        'invalid_argument',
        `grace must be 0 or more milliseconds, got ${graceMs}`,
      );
    }
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', id)
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      if (!row) return undefined;
      const old = toKeyRecord(row);
      if (!isLiveKey(old, nowMs)) {
        throw new StoreError('invalid_argument', `key ${old.prefix} is revoked or expired`);
      }
      const graceEnd = nowMs + graceMs;
      const expires = old.expiresAtMs === null ? graceEnd : Math.min(old.expiresAtMs, graceEnd);
      await trx
        .updateTable('api_keys')
        .set({ expires_at_ms: expires })
        .where('id', '=', id)
        .execute();
      const { key, hash, prefix } = generateApiKey();
      const fresh: ApiKeysTable = {
        id: randomUUID(),
        project_id: projectId,
        key_hash: hash,
        prefix,
        created_at_ms: nowMs,
        scopes: scopesToColumn(old.scopes),
        expires_at_ms: null,
        last_used_at_ms: null,
        revoked_at_ms: null,
      };
      await trx.insertInto('api_keys').values(fresh).execute();
      return { key, record: toKeyRecord(fresh), old: { ...old, expiresAtMs: expires } };
    });
  }

  async touchApiKey(id: string, atMs: number): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at_ms: atMs })
      .where('id', '=', id)
      .execute();
  }

  async hasApiKeys(): Promise<boolean> {
    const row = await this.db.selectFrom('api_keys').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async getThresholds(projectId: string): Promise<Partial<ClassifierThresholds>> {
    const row = await this.db
      .selectFrom('project_settings')
      .select('thresholds')
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row ? JSON.parse(row.thresholds) : {};
  }

  async setThresholds(projectId: string, thresholds: Partial<ClassifierThresholds>): Promise<void> {
    const checked = JSON.stringify(checkThresholds(thresholds));
    const project = await this.db
      .selectFrom('projects')
      .select('id')
      .where('id', '=', projectId)
      .executeTakeFirst();
    if (!project) throw new StoreError('project_not_found', `no project with id "${projectId}"`);
    const updated_at_ms = Date.now();
    await this.db
      .insertInto('project_settings')
      .values({ project_id: projectId, thresholds: checked, updated_at_ms })
      .onConflict((oc) =>
        oc.column('project_id').doUpdateSet({ thresholds: checked, updated_at_ms }),
      )
      .execute();
  }
}
