import type { ApiKeyScope } from '@glassbox/core/api';
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
  scopes: ApiKeyScope[];
  /** When the key stops working (a rotation's grace end, or a chosen expiry); null: never. */
  expiresAtMs: number | null;
  /** Recorded at most once a minute per key; null: never used. */
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
}

/** How a new key is made: its scopes (default ingest+read, admin too for a project's first key). */
export interface NewApiKey {
  scopes?: readonly ApiKeyScope[];
  expiresAtMs?: number;
}

/** A presented key that is neither unknown, revoked nor expired: its project and record. */
export interface AuthenticatedKey {
  project: Project;
  record: ApiKeyRecord;
}

/** Projects and their API keys. Keys are stored only as SHA-256 hashes. */
export interface ProjectStore {
  /** Returns the project with this name, creating it if it does not exist. */
  ensureProject(name: string): Promise<Project>;
  listProjects(): Promise<Project[]>;
  /**
   * Creates a key for the project; the plaintext is returned once and never stored. Scopes
   * default to ingest+read, and to all three for the project's first live key.
   */
  createApiKey(
    projectId: string,
    options?: NewApiKey,
  ): Promise<{ key: string; record: ApiKeyRecord }>;
  /** The project a presented key belongs to, or undefined for an unknown, revoked or expired key. */
  resolveApiKey(key: string): Promise<Project | undefined>;
  /** The project and record of a live key at `nowMs`, or undefined. */
  authenticateApiKey(key: string, nowMs: number): Promise<AuthenticatedKey | undefined>;
  /** The keys of a project (or of all projects), oldest first, revoked ones included. */
  listApiKeys(projectId?: string): Promise<ApiKeyRecord[]>;
  /** The key of the project with this id or prefix; a prefix matching two keys is refused. */
  findApiKey(projectId: string | undefined, idOrPrefix: string): Promise<ApiKeyRecord | undefined>;
  /** Revokes a key from `nowMs` on; undefined when no such key exists in the project. */
  revokeApiKey(projectId: string, id: string, nowMs: number): Promise<ApiKeyRecord | undefined>;
  /**
   * A new key with the old one's scopes; the old key expires `graceMs` after `nowMs` (or
   * earlier, if it expired sooner already).
   */
  rotateApiKey(
    projectId: string,
    id: string,
    graceMs: number,
    nowMs: number,
  ): Promise<{ key: string; record: ApiKeyRecord; old: ApiKeyRecord } | undefined>;
  /** Notes that a key was used at `atMs`. */
  touchApiKey(id: string, atMs: number): Promise<void>;
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
