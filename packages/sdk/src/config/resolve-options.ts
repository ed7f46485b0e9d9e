import type { VersionSnapshot } from '@glassbox/core/model';
import { GlassboxSdkError, SDK_ERROR_CODES } from '../runtime/sdk-error.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4318';

/** Options of `init`, after environment variables and defaults were applied. */
export interface ResolvedOptions {
  /** Full OTLP traces URL, `${endpoint}/v1/traces`. */
  tracesUrl: string;
  apiKey?: string;
  serviceName: string;
  versions: VersionSnapshot;
  hashOnly: boolean;
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
  shutdownTimeoutMillis: number;
}

/** What `init` reads from its options; every field may also come from the environment. */
export interface ConfigInput {
  endpoint?: string;
  apiKey?: string;
  serviceName?: string;
  versions?: VersionSnapshot;
  hashOnly?: boolean;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
  scheduledDelayMillis?: number;
  exportTimeoutMillis?: number;
  shutdownTimeoutMillis?: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

const VERSION_ENV_PREFIX = 'GLASSBOX_VERSION_';

/**
 * Merges options, environment variables and defaults; options win over the environment.
 * Throws a `GlassboxSdkError` (`invalid_config`) naming the bad field.
 *
 * @example
 * resolveOptions({ serviceName: 'bot' }, { GLASSBOX_ENDPOINT: 'http://gb:4318' }).tracesUrl
 * // 'http://gb:4318/v1/traces'
 */
export function resolveOptions(input: ConfigInput, env: Env): ResolvedOptions {
  const endpoint = nonEmpty(input.endpoint) ?? nonEmpty(env.GLASSBOX_ENDPOINT) ?? DEFAULT_ENDPOINT;
  const apiKey = nonEmpty(input.apiKey) ?? nonEmpty(env.GLASSBOX_API_KEY);
  const resolved: ResolvedOptions = {
    tracesUrl: tracesUrlOf(endpoint),
    serviceName:
      nonEmpty(input.serviceName) ??
      nonEmpty(env.GLASSBOX_SERVICE_NAME) ??
      nonEmpty(env.OTEL_SERVICE_NAME) ??
      'unknown_service',
    versions: { ...versionsFromEnv(env), ...checkVersions(input.versions ?? {}) },
    hashOnly: input.hashOnly ?? isTrue(env.GLASSBOX_HASH_ONLY),
    maxQueueSize: positiveInt('maxQueueSize', input.maxQueueSize, 2048),
    maxExportBatchSize: positiveInt('maxExportBatchSize', input.maxExportBatchSize, 512),
    scheduledDelayMillis: positiveInt('scheduledDelayMillis', input.scheduledDelayMillis, 1000),
    exportTimeoutMillis: positiveInt('exportTimeoutMillis', input.exportTimeoutMillis, 10_000),
    shutdownTimeoutMillis: positiveInt('shutdownTimeoutMillis', input.shutdownTimeoutMillis, 5000),
  };
  if (apiKey !== undefined) resolved.apiKey = apiKey;
  resolved.maxExportBatchSize = Math.min(resolved.maxExportBatchSize, resolved.maxQueueSize);
  return resolved;
}

function tracesUrlOf(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw configError(`endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(`endpoint must use http or https, got ${JSON.stringify(url.protocol)}`);
  }
  const base = url.href.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

function versionsFromEnv(env: Env): VersionSnapshot {
  const versions: VersionSnapshot = {};
  for (const [key, value] of Object.entries(env)) {
    const version = nonEmpty(value);
    if (key.startsWith(VERSION_ENV_PREFIX) && version !== undefined) {
      versions[key.slice(VERSION_ENV_PREFIX.length).toLowerCase()] = version;
    }
  }
  return versions;
}

/** Checks a version snapshot given by the application; returns it unchanged. */
export function checkVersions(versions: VersionSnapshot): VersionSnapshot {
  for (const [artifact, version] of Object.entries(versions)) {
    if (typeof version !== 'string') {
      throw configError(`versions.${artifact} must be a string, got ${typeof version}`);
    }
  }
  return versions;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw configError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}

function configError(message: string): GlassboxSdkError {
  return new GlassboxSdkError(SDK_ERROR_CODES.invalidConfig, `Glassbox init: ${message}`);
}
