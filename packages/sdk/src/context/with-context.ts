import type { VersionSnapshot } from '@glassbox/core/model';
import { activeContext, runWithContext } from './context-manager.js';
import {
  getGlassboxValues,
  mergeValues,
  setGlassboxValues,
  type GlassboxContextValues,
} from './glassbox-context.js';

/**
 * Runs `fn` with session, user, tags, metadata or versions attached to every span started
 * inside it, including across awaits and in nested helpers. Values nest: inner tags add to
 * outer ones, inner metadata and versions override key by key.
 *
 * @example
 * await withContext({ sessionId: 's-1', tags: ['beta'] }, () => answer(question));
 */
export function withContext<T>(values: GlassboxContextValues, fn: () => T): T {
  const ctx = activeContext();
  return runWithContext(setGlassboxValues(ctx, mergeValues(getGlassboxValues(ctx), values)), fn);
}

/** @example await withSession('conv-42', () => bot.reply(message)); */
export function withSession<T>(sessionId: string, fn: () => T): T {
  return withContext({ sessionId }, fn);
}

/** @example await withUser('user-7', () => bot.reply(message)); */
export function withUser<T>(userId: string, fn: () => T): T {
  return withContext({ userId }, fn);
}

/** @example await withTags(['canary'], () => bot.reply(message)); */
export function withTags<T>(tags: readonly string[], fn: () => T): T {
  return withContext({ tags }, fn);
}

/** @example await withMetadata({ tenant: 'acme' }, () => bot.reply(message)); */
export function withMetadata<T>(metadata: Record<string, string>, fn: () => T): T {
  return withContext({ metadata }, fn);
}

/** @example await withVersions({ prompt: 'support-v7' }, () => bot.reply(message)); */
export function withVersions<T>(versions: VersionSnapshot, fn: () => T): T {
  return withContext({ versions }, fn);
}

/** The values in force at this point of the async flow. */
export function currentContextValues(): GlassboxContextValues {
  return getGlassboxValues(activeContext());
}
