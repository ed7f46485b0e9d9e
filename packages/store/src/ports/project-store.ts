import type { ClassifierThresholds } from '@glassbox/core/classify';

export interface Project {
  id: string;
  name: string;
  createdAtMs: number;
}

export interface ApiKeyRecord {
  id: string;
  projectId: string;
  /** The first characters of the key, safe to show so people can tell keys apart. */
  prefix: string;
  createdAtMs: number;
}

/** Projects and their API keys. Keys are stored only as SHA-256 hashes. */
export interface ProjectStore {
  /** Returns the project with this name, creating it if it does not exist. */
  ensureProject(name: string): Promise<Project>;
  listProjects(): Promise<Project[]>;
  /** Creates a key for the project; the plaintext is returned once and never stored. */
  createApiKey(projectId: string): Promise<{ key: string; record: ApiKeyRecord }>;
  /** The project a presented key belongs to, or undefined for an unknown key. */
  resolveApiKey(key: string): Promise<Project | undefined>;
  /** Whether any API key exists at all (the server refuses non-loopback binds without one). */
  hasApiKeys(): Promise<boolean>;
  /** The classifier thresholds the project overrides; {} when it uses the defaults. */
  getThresholds(projectId: string): Promise<Partial<ClassifierThresholds>>;
  /**
   * Replaces the project's overrides (validated with `resolveThresholds`: an unknown key or a
   * bad value is a StoreError `invalid_argument` naming it). `{}` restores the defaults.
   */
  setThresholds(projectId: string, thresholds: Partial<ClassifierThresholds>): Promise<void>;
}
