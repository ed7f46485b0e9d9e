import { createHash } from 'node:crypto';
import { API_KEY_SCOPES } from '@glassbox/core/api';
import type { ProjectStore } from '@glassbox/store';
import { ApiError } from '../../errors/api-error.js';
import { RETRY_AFTER_SECONDS } from '../to-api-error.js';
import type { Caller } from './caller.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** How long a looked-up key is trusted before the database is asked again. */
export const KEY_CACHE_MS = 500;
/** How many looked-up keys are remembered; the oldest go first. */
const KEY_CACHE_ENTRIES = 10_000;
/** Last use is written at most this often per key. */
const TOUCH_EVERY_MS = 60_000;

interface CacheEntry {
  caller: Caller | undefined;
  checkedAtMs: number;
}

/**
 * Finds who is calling from the Authorization header: `Bearer <key>` selects the key's
 * project and scopes; without a header, requests go to the `default` project with every
 * scope while no API key exists at all, and are refused once one does.
 *
 * Looked-up keys are cached for KEY_CACHE_MS, so a key revoked on any replica fails on every
 * replica within that time; the cache holds key hashes, never keys.
 *
 * @example
 * const caller = await resolver.resolve(request.headers.authorization);
 */
export class ProjectResolver {
  private keysExist = false;
  private defaultProjectId: string | undefined;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly touchedAtMs = new Map<string, number>();

  constructor(
    private readonly projects: ProjectStore,
    private readonly now: () => number = Date.now,
    private readonly onTouchError: (error: unknown) => void = () => {},
  ) {}

  async resolve(authorization: string | undefined): Promise<Caller> {
    try {
      return await this.lookup(authorization);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(
        'storage_unavailable',
        'the key could not be checked: storage is unavailable',
        RETRY_AFTER_SECONDS.storageUnavailable,
        { cause: error },
      );
    }
  }

  private async lookup(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined || authorization.trim() === '') {
      // Keys are never deleted, so once some exist the answer cannot change back.
      this.keysExist ||= await this.projects.hasApiKeys();
      if (this.keysExist) {
        throw new ApiError(
          'unauthorized',
          'an API key is required: send the header "Authorization: Bearer <key>"',
        );
      }
      this.defaultProjectId ??= (await this.projects.ensureProject('default')).id;
      return { projectId: this.defaultProjectId, scopes: API_KEY_SCOPES, actor: 'local' };
    }
    const key = BEARER.exec(authorization)?.[1];
    if (!key) {
      throw new ApiError('unauthorized', 'malformed Authorization header: expected "Bearer <key>"');
    }
    const caller = await this.callerOf(key);
    if (!caller) throw new ApiError('unauthorized', 'unknown, revoked or expired API key');
    this.touch(caller);
    return caller;
  }

  private async callerOf(key: string): Promise<Caller | undefined> {
    const hash = createHash('sha256').update(key).digest('hex');
    const nowMs = this.now();
    const cached = this.cache.get(hash);
    if (cached && nowMs - cached.checkedAtMs < KEY_CACHE_MS) return cached.caller;
    const found = await this.projects.authenticateApiKey(key, nowMs);
    const caller: Caller | undefined = found && {
      projectId: found.project.id,
      scopes: found.record.scopes,
      actor: found.record.prefix,
      keyId: found.record.id,
    };
    this.cache.delete(hash);
    this.cache.set(hash, { caller, checkedAtMs: nowMs });
    if (this.cache.size > KEY_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return caller;
  }

  /** Records last use, at most once a minute per key, without holding up the request. */
  private touch(caller: Caller): void {
    if (caller.keyId === undefined) return;
    const nowMs = this.now();
    const last = this.touchedAtMs.get(caller.keyId) ?? 0;
    if (nowMs - last < TOUCH_EVERY_MS) return;
    this.touchedAtMs.set(caller.keyId, nowMs);
    if (this.touchedAtMs.size > KEY_CACHE_ENTRIES) this.touchedAtMs.clear();
    this.projects.touchApiKey(caller.keyId, nowMs).catch(this.onTouchError);
  }

  /** Forgets cached lookups, so a change made through this server applies at once here. */
  forget(): void {
    this.cache.clear();
  }
}
