import { createContextKey, type Context } from '@opentelemetry/api';
import type { VersionSnapshot } from '@glassbox/core/model';

/** What the application attaches to a stretch of work; every span started inside carries it. */
export interface GlassboxContextValues {
  sessionId?: string;
  userId?: string;
  tags?: readonly string[];
  metadata?: Readonly<Record<string, string>>;
  versions?: Readonly<VersionSnapshot>;
}

const KEY = createContextKey('glassbox.context');

export function getGlassboxValues(ctx: Context): GlassboxContextValues {
  return (ctx.getValue(KEY) as GlassboxContextValues | undefined) ?? {};
}

export function setGlassboxValues(ctx: Context, values: GlassboxContextValues): Context {
  return ctx.setValue(KEY, values);
}

/**
 * Layers `inner` over `outer`: scalars are replaced, tags are a union (outer first),
 * metadata and versions are merged key by key.
 *
 * @example
 * mergeValues({ tags: ['a'] }, { tags: ['b'], userId: 'u' }) // { tags: ['a', 'b'], userId: 'u' }
 */
export function mergeValues(
  outer: GlassboxContextValues,
  inner: GlassboxContextValues,
): GlassboxContextValues {
  const merged: GlassboxContextValues = { ...outer };
  if (inner.sessionId !== undefined) merged.sessionId = inner.sessionId;
  if (inner.userId !== undefined) merged.userId = inner.userId;
  if (inner.tags !== undefined) merged.tags = [...new Set([...(outer.tags ?? []), ...inner.tags])];
  if (inner.metadata !== undefined) merged.metadata = { ...outer.metadata, ...inner.metadata };
  if (inner.versions !== undefined) merged.versions = { ...outer.versions, ...inner.versions };
  return merged;
}
