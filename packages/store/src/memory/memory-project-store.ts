import { randomUUID } from 'node:crypto';
import type { ClassifierThresholds } from '@glassbox/core/classify';
import { generateApiKey, hashApiKey } from '../projects/api-key.js';
import type { ApiKeyRecord, Project, ProjectStore } from '../ports/project-store.js';
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

  async createApiKey(projectId: string): Promise<{ key: string; record: ApiKeyRecord }> {
    if (!this.projects.has(projectId)) {
      throw new StoreError('project_not_found', `no project with id "${projectId}"`);
    }
    const { key, hash, prefix } = generateApiKey();
    const record = { id: randomUUID(), projectId, prefix, createdAtMs: this.now() };
    this.keys.set(hash, record);
    return { key, record: { ...record } };
  }

  async resolveApiKey(key: string): Promise<Project | undefined> {
    const record = this.keys.get(hashApiKey(key));
    const project = record && this.projects.get(record.projectId);
    return project ? { ...project } : undefined;
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
