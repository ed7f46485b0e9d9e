import { DEFAULT_LOOP_GUARD_OPTIONS } from '@glassbox/core/guards';
import type { ChainLink } from '@glassbox/core/guards';
import type { ProviderConfig } from '@glassbox/core/providers';
import { ProviderConfigError, validateProviders } from '@glassbox/core/providers';
import type { BudgetRule, GatewayConfig } from './gateway-config.js';
import { DEFAULT_GUARDS } from './gateway-config.js';
import { GatewayConfigError } from './gateway-config-error.js';

type Path = (string | number)[];
type Obj = Record<string, unknown>;

const TOP = [
  'providers',
  'routes',
  'defaultMaxAttempts',
  'budgets',
  'guards',
  'cache',
  'glassboxUrl',
  'captureContent',
];

/**
 * Checks a parsed gateway config (YAML or JSON) and completes it with defaults, or throws a
 * {@link GatewayConfigError} naming the first wrong field. Without `providers`, the default
 * provider (`OPENAI_BASE_URL`, key in `OPENAI_API_KEY`) is used.
 *
 * @example validateGatewayConfig({ routes: { 'gpt-4o': [{ provider: 'openai', model: 'gpt-4o' }] } }, [defaultProvider(process.env)])
 */
export function validateGatewayConfig(
  value: unknown,
  fallbackProviders: ProviderConfig[],
): GatewayConfig {
  const root = record(value ?? {}, []);
  known(root, TOP, []);
  let providers: ProviderConfig[];
  try {
    providers =
      root.providers === undefined
        ? fallbackProviders
        : validateProviders(root.providers, ['providers']);
  } catch (error) {
    if (error instanceof ProviderConfigError)
      throw new GatewayConfigError(error.path, error.problem);
    throw error;
  }
  const names = new Set(providers.map((p) => p.name));
  const routes: Record<string, ChainLink[]> = {};
  for (const [model, chain] of Object.entries(record(root.routes ?? {}, ['routes']))) {
    const path = ['routes', model];
    if (!Array.isArray(chain) || chain.length === 0)
      throw new GatewayConfigError(
        path,
        'must be a non-empty list of { provider, model, maxAttempts }',
      );
    routes[model] = chain.map((entry, i) => {
      const link = record(entry, [...path, i]);
      known(link, ['provider', 'model', 'maxAttempts'], [...path, i]);
      const provider = text(link.provider, [...path, i, 'provider']);
      if (!names.has(provider))
        throw new GatewayConfigError(
          [...path, i, 'provider'],
          `names no configured provider ('${provider}'; known: ${[...names].join(', ')})`,
        );
      return {
        provider,
        model: link.model === undefined ? model : text(link.model, [...path, i, 'model']),
        maxAttempts:
          link.maxAttempts === undefined
            ? 2
            : int(link.maxAttempts, [...path, i, 'maxAttempts'], 1, 10),
      };
    });
  }
  const guards = record(root.guards ?? {}, ['guards']);
  known(guards, Object.keys(DEFAULT_GUARDS), ['guards']);
  const breaker = record(guards.breaker ?? {}, ['guards', 'breaker']);
  known(breaker, ['failureThreshold', 'windowMs', 'openMs'], ['guards', 'breaker']);
  const loop = record(guards.loop ?? {}, ['guards', 'loop']);
  known(loop, Object.keys(DEFAULT_LOOP_GUARD_OPTIONS), ['guards', 'loop']);
  const backoff = record(guards.backoff ?? {}, ['guards', 'backoff']);
  known(backoff, ['initialDelayMs', 'maxDelayMs'], ['guards', 'backoff']);
  const d = DEFAULT_GUARDS;
  const cache = record(root.cache ?? {}, ['cache']);
  known(cache, ['exact', 'semantic'], ['cache']);
  const exact = record(cache.exact ?? {}, ['cache', 'exact']);
  known(exact, ['enabled', 'ttlMs', 'maxEntries'], ['cache', 'exact']);
  const semantic = record(cache.semantic ?? {}, ['cache', 'semantic']);
  known(
    semantic,
    ['enabled', 'provider', 'model', 'threshold', 'maxEntriesPerTenant'],
    ['cache', 'semantic'],
  );
  const semanticEnabled = bool(semantic.enabled ?? false, ['cache', 'semantic', 'enabled']);
  const semanticProvider =
    semantic.provider === undefined
      ? providers[0]!.name
      : text(semantic.provider, ['cache', 'semantic', 'provider']);
  if (!names.has(semanticProvider))
    throw new GatewayConfigError(
      ['cache', 'semantic', 'provider'],
      `names no configured provider ('${semanticProvider}')`,
    );
  const glassboxUrl =
    root.glassboxUrl === undefined || root.glassboxUrl === null
      ? null
      : url(root.glassboxUrl, ['glassboxUrl']);
  return {
    providers,
    routes,
    defaultMaxAttempts:
      root.defaultMaxAttempts === undefined
        ? 2
        : int(root.defaultMaxAttempts, ['defaultMaxAttempts'], 1, 10),
    budgets: list(root.budgets ?? [], ['budgets']).map((b, i) => budget(b, ['budgets', i])),
    guards: {
      breaker: {
        failureThreshold: opt(
          breaker.failureThreshold,
          d.breaker.failureThreshold,
          (v, p) => int(v, p, 1, 1000),
          ['guards', 'breaker', 'failureThreshold'],
        ),
        windowMs: opt(breaker.windowMs, d.breaker.windowMs, ms, ['guards', 'breaker', 'windowMs']),
        openMs: opt(breaker.openMs, d.breaker.openMs, ms, ['guards', 'breaker', 'openMs']),
      },
      maxRetryAfterMs: opt(guards.maxRetryAfterMs, d.maxRetryAfterMs, ms, [
        'guards',
        'maxRetryAfterMs',
      ]),
      backoff: {
        initialDelayMs: opt(backoff.initialDelayMs, d.backoff.initialDelayMs, ms, [
          'guards',
          'backoff',
          'initialDelayMs',
        ]),
        maxDelayMs: opt(backoff.maxDelayMs, d.backoff.maxDelayMs, ms, [
          'guards',
          'backoff',
          'maxDelayMs',
        ]),
      },
      contextBudget: opt(guards.contextBudget, d.contextBudget, bool, ['guards', 'contextBudget']),
      defaultOutputReserve: opt(
        guards.defaultOutputReserve,
        d.defaultOutputReserve,
        (v, p) => int(v, p, 0, 10_000_000),
        ['guards', 'defaultOutputReserve'],
      ),
      budgetSlice: opt(guards.budgetSlice, d.budgetSlice, (v, p) => num(v, p, 0.0001, 1), [
        'guards',
        'budgetSlice',
      ]),
      loop: Object.fromEntries(
        Object.entries(d.loop).map(([k, v]) => [
          k,
          opt(loop[k], v, (x, p) => int(x, p, 1, 1_000_000), ['guards', 'loop', k]),
        ]),
      ) as GatewayConfig['guards']['loop'],
    },
    cache: {
      exact: {
        enabled: opt(exact.enabled, false, bool, ['cache', 'exact', 'enabled']),
        ttlMs: opt(exact.ttlMs, 3_600_000, ms, ['cache', 'exact', 'ttlMs']),
        maxEntries: opt(exact.maxEntries, 10_000, (v, p) => int(v, p, 1, 10_000_000), [
          'cache',
          'exact',
          'maxEntries',
        ]),
      },
      semantic: {
        enabled: semanticEnabled,
        provider: semanticProvider,
        model:
          semantic.model === undefined
            ? 'text-embedding-3-small'
            : text(semantic.model, ['cache', 'semantic', 'model']),
        threshold: opt(semantic.threshold, 0.95, (v, p) => num(v, p, 0.5, 1), [
          'cache',
          'semantic',
          'threshold',
        ]),
        maxEntriesPerTenant: opt(
          semantic.maxEntriesPerTenant,
          1000,
          (v, p) => int(v, p, 1, 1_000_000),
          ['cache', 'semantic', 'maxEntriesPerTenant'],
        ),
      },
    },
    glassboxUrl,
    captureContent: opt(root.captureContent, true, bool, ['captureContent']),
  };
}

function budget(value: unknown, path: Path): BudgetRule {
  const b = record(value, path);
  known(b, ['scope', 'id', 'period', 'maxUsd', 'maxTokens'], path);
  const scope = oneOf(b.scope, ['key', 'user', 'session', 'project'] as const, [...path, 'scope']);
  const period =
    b.period === undefined
      ? 'month'
      : oneOf(b.period, ['day', 'month', 'total'] as const, [...path, 'period']);
  if (b.maxUsd === undefined && b.maxTokens === undefined)
    throw new GatewayConfigError(path, 'needs maxUsd or maxTokens');
  return {
    scope,
    period,
    ...(b.id !== undefined ? { id: text(b.id, [...path, 'id']) } : {}),
    ...(b.maxUsd !== undefined ? { maxUsd: num(b.maxUsd, [...path, 'maxUsd'], 0, Infinity) } : {}),
    ...(b.maxTokens !== undefined
      ? { maxTokens: int(b.maxTokens, [...path, 'maxTokens'], 0, Number.MAX_SAFE_INTEGER) }
      : {}),
  };
}

function record(v: unknown, path: Path): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new GatewayConfigError(path, 'must be a mapping');
  return v as Obj;
}
function known(o: Obj, keys: readonly string[], path: Path): void {
  for (const k of Object.keys(o))
    if (!keys.includes(k))
      throw new GatewayConfigError(
        [...path, k],
        `is not a known field (known: ${keys.join(', ')})`,
      );
}
function list(v: unknown, path: Path): unknown[] {
  if (!Array.isArray(v)) throw new GatewayConfigError(path, 'must be a list');
  return v;
}
function text(v: unknown, path: Path): string {
  if (typeof v !== 'string' || v.trim() === '')
    throw new GatewayConfigError(path, 'must be a non-empty string');
  return v;
}
function num(v: unknown, path: Path, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    throw new GatewayConfigError(path, `must be a number from ${min} to ${max}`);
  return v;
}
function int(v: unknown, path: Path, min: number, max: number): number {
  if (!Number.isInteger(v))
    throw new GatewayConfigError(path, `must be an integer from ${min} to ${max}`);
  return num(v, path, min, max);
}
function ms(v: unknown, path: Path): number {
  return num(v, path, 1, 86_400_000);
}
function bool(v: unknown, path: Path): boolean {
  if (typeof v !== 'boolean') throw new GatewayConfigError(path, 'must be true or false');
  return v;
}
function oneOf<T extends string>(v: unknown, values: readonly T[], path: Path): T {
  if (typeof v !== 'string' || !values.includes(v as T))
    throw new GatewayConfigError(path, `must be one of ${values.join(', ')}`);
  return v as T;
}
function url(v: unknown, path: Path): string {
  const s = text(v, path);
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new GatewayConfigError(path, `must be an http(s) URL, got '${s}'`);
  }
  return s.replace(/\/+$/, '');
}
function opt<T>(v: unknown, fallback: T, check: (v: unknown, path: Path) => T, path: Path): T {
  return v === undefined ? fallback : check(v, path);
}
