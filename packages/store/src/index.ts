export type { TraceStore, TraceQuery, Page, SessionDetail } from './trace-store.js';
export type { ProjectStore, Project, ApiKeyRecord } from './project-store.js';
export type { Storage, StorageOptions } from './storage.js';
