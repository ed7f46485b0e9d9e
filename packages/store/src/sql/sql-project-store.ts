import { randomUUID } from 'node:crypto';
import type { ClassifierThresholds } from '@glassbox/core/classify';
import type { Kysely } from 'kysely';
import { generateApiKey, hashApiKey } from '../projects/api-key.js';
import { checkProjectName } from '../projects/default-project.js';
import { checkThresholds } from '../projects/project-thresholds.js';
import type { ApiKeyRecord, Project, ProjectStore } from '../ports/project-store.js';
import { StoreError } from '../store-error.js';
import type { GlassboxDatabase, ProjectsTable } from './database-schema.js';

const toProject = (row: ProjectsTable): Project => ({
  id: row.id,
  name: row.name,
  createdAtMs: Number(row.created_at_ms),
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

  async createApiKey(projectId: string): Promise<{ key: string; record: ApiKeyRecord }> {
    const project = await this.db
      .selectFrom('projects')
      .select('id')
      .where('id', '=', projectId)
      .executeTakeFirst();
    if (!project) throw new StoreError('project_not_found', `no project with id "${projectId}"`);
    const { key, hash, prefix } = generateApiKey();
    const record: ApiKeyRecord = { id: randomUUID(), projectId, prefix, createdAtMs: Date.now() };
    await this.db
      .insertInto('api_keys')
      .values({
        id: record.id,
        project_id: projectId,
        key_hash: hash,
        prefix,
        created_at_ms: record.createdAtMs,
      })
      .execute();
    return { key, record };
  }

  async resolveApiKey(key: string): Promise<Project | undefined> {
    const row = await this.db
      .selectFrom('api_keys as k')
      .innerJoin('projects as p', 'p.id', 'k.project_id')
      .select(['p.id', 'p.name', 'p.created_at_ms'])
      .where('k.key_hash', '=', hashApiKey(key))
      .executeTakeFirst();
    return row ? toProject(row) : undefined;
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
