import { randomUUID } from 'node:crypto';
import type { ClassifierThresholds } from '@glassbox/core/classify';
import { generateApiKey, hashApiKey } from '../projects/api-key.js';
import type {
  ApiKeyRecord,
  AuthenticatedKey,
  NewApiKey,
  Project,
  ProjectStore,
} from '../ports/project-store.js';
import { checkKeyReference, isLiveKey, scopesForNewKey } from '../projects/key-scopes.js';
import { StoreError } from '../store-error.js';
import { DEFAULT_PROJECT, checkProjectName } from '../projects/default-project.js';
import { checkThresholds } from '../projects/project-thresholds.js';

/**
 * Projects and API keys in memory; a supported test double. Keys are kept only as hashes,
 * as in the database adapters.
 *
 * @example
 * const projects = new MemoryProjectStore();
 * const { key } = await projects.createApiKey((await projects.ensureProject('default')).id);
 */
export class MemoryProjectStore implements ProjectStore {
  private readonly projects = new Map<string, Project>();
  private readonly keys = new Map<string, ApiKeyRecord>();
  private readonly thresholds = new Map<string, Partial<ClassifierThresholds>>();

  constructor(now: () => number = Date.now) {
    this.now = now;
    this.projects.set(DEFAULT_PROJECT.id, { ...DEFAULT_PROJECT, createdAtMs: now() });
  }

  private readonly now: () => number;

  async ensureProject(name: string): Promise<Project> {
    checkProjectName(name);
    const found = [...this.projects.values()].find((p) => p.name === name);
    if (found) return { ...found };
    const project = { id: randomUUID(), name, createdAtMs: this.now() };
    this.projects.set(project.id, project);
    return { ...project };
  }

  async listProjects(): Promise<Project[]> {
    return [...this.projects.values()]
      .sort((a, b) => a.createdAtMs - b.createdAtMs || a.name.localeCompare(b.name))
      .map((p) => ({ ...p }));
  }

  async createApiKey(
    projectId: string,
    options: NewApiKey = {},
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    if (!this.projects.has(projectId)) {
      throw new StoreError('project_not_found', `no project with id "${projectId}"`);
    }
    const nowMs = this.now();
    const firstKey = ![...this.keys.values()].some(
      (k) => k.projectId === projectId && isLiveKey(k, nowMs),
    );
    const scopes = scopesForNewKey(options.scopes, firstKey);
    const { key, hash, prefix } = generateApiKey();
    const record: ApiKeyRecord = {
      id: randomUUID(),
      projectId,
      prefix,
      createdAtMs: nowMs,
      scopes,
      expiresAtMs: options.expiresAtMs ?? null,
      lastUsedAtMs: null,
      revokedAtMs: null,
    };
    this.keys.set(hash, record);
    return { key, record: structuredClone(record) };
  }

  async resolveApiKey(key: string): Promise<Project | undefined> {
    return (await this.authenticateApiKey(key, this.now()))?.project;
  }

  async authenticateApiKey(key: string, nowMs: number): Promise<AuthenticatedKey | undefined> {
    const record = this.keys.get(hashApiKey(key));
    const project = record && this.projects.get(record.projectId);
    if (!record || !project || !isLiveKey(record, nowMs)) return undefined;
    return { project: { ...project }, record: structuredClone(record) };
  }

  async listApiKeys(projectId?: string): Promise<ApiKeyRecord[]> {
    return [...this.keys.values()]
      .filter((k) => projectId === undefined || k.projectId === projectId)
      .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1))
      .map((k) => structuredClone(k));
  }

  async findApiKey(
    projectId: string | undefined,
    idOrPrefix: string,
  ): Promise<ApiKeyRecord | undefined> {
    const ref = checkKeyReference(idOrPrefix);
    const found = [...this.keys.values()].filter(
      (k) =>
        (projectId === undefined || k.projectId === projectId) &&
        (k.id === ref || k.prefix === ref),
    );
    if (found.length > 1) {
      throw new StoreError('invalid_argument', `"${ref}" names more than one key; use its id`);
    }
    return found[0] ? structuredClone(found[0]) : undefined;
  }

  private recordOf(projectId: string, id: string): ApiKeyRecord | undefined {
    return [...this.keys.values()].find((k) => k.id === id && k.projectId === projectId);
  }

  async revokeApiKey(
    projectId: string,
    id: string,
    nowMs: number,
  ): Promise<ApiKeyRecord | undefined> {
    const record = this.recordOf(projectId, id);
    if (!record) return undefined;
    record.revokedAtMs ??= nowMs;
    return structuredClone(record);
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
    const old = this.recordOf(projectId, id);
    if (!old) return undefined;
    if (!isLiveKey(old, nowMs)) {
      throw new StoreError('invalid_argument', `key ${old.prefix} is revoked or expired`);
    }
    const graceEnd = nowMs + graceMs;
    old.expiresAtMs = old.expiresAtMs === null ? graceEnd : Math.min(old.expiresAtMs, graceEnd);
    const { key, hash, prefix } = generateApiKey();
    const record: ApiKeyRecord = {
      id: randomUUID(),
      projectId,
      prefix,
      createdAtMs: nowMs,
      scopes: [...old.scopes],
      expiresAtMs: null,
      lastUsedAtMs: null,
      revokedAtMs: null,
    };
    this.keys.set(hash, record);
    return { key, record: structuredClone(record), old: structuredClone(old) };
  }

  async touchApiKey(id: string, atMs: number): Promise<void> {
    const record = [...this.keys.values()].find((k) => k.id === id);
    if (record) record.lastUsedAtMs = atMs;
  }

  async hasApiKeys(): Promise<boolean> {
    return this.keys.size > 0;
  }

  async getThresholds(projectId: string): Promise<Partial<ClassifierThresholds>> {
    return structuredClone(this.thresholds.get(projectId) ?? {});
  }

  async setThresholds(projectId: string, thresholds: Partial<ClassifierThresholds>): Promise<void> {
    const checked = checkThresholds(thresholds);
    if (!this.projects.has(projectId)) {
      throw new StoreError('project_not_found', `no project with id "${projectId}"`);
    }
    this.thresholds.set(projectId, checked);
  }

  /** The stored key hashes, so tests can check that no plaintext is kept. */
  storedKeyHashes(): string[] {
    return [...this.keys.keys()];
  }
}
