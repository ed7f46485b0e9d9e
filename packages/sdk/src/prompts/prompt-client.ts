import { trace as otelTrace } from '@opentelemetry/api';
import {
  ARTIFACT_KINDS,
  checkArtifactKind,
  checkPromptTemplate,
  type ArtifactKind,
  type ArtifactEvent,
  type ArtifactVersion,
  type ResolvedArtifact,
} from '@glassbox/core/artifacts';
import { GLASSBOX_ATTRIBUTES, type VersionSnapshot } from '@glassbox/core/model';
import { activeContext } from '../context/context-manager.js';
import { activeSdk } from '../runtime/active-sdk.js';
import { GlassboxSdkError, SDK_ERROR_CODES } from '../runtime/sdk-error.js';
import { LabelStream } from './label-stream.js';
import {
  fallbackArtifact,
  makeArtifact,
  type Artifact,
  type ArtifactFallback,
} from './artifact.js';
import { fallbackPrompt, makePrompt, type Prompt, type PromptFallback } from './prompt.js';
import { RegistryHttpError } from './registry-http-error.js';
import { registryCall, type RegistryHttpOptions } from './registry-http.js';

export interface PromptClientOptions {
  /** The Glassbox server, e.g. `http://127.0.0.1:4318`. */
  endpoint: string;
  apiKey?: string;
  /**
   * The oldest a served version may be when the label-move stream is down (default 5000 ms).
   * While the stream is connected, a move reaches the cache as soon as its event arrives.
   */
  maxStalenessMs?: number;
  /** Longest one registry call may take (default 2000 ms); then cache or fallback is served. */
  timeoutMs?: number;
  /** Listen to the label-move stream (default true); false polls by staleness alone. */
  stream?: boolean;
  /**
   * Receive label moves pushed as Server-Sent Events (default true); false, or a server or
   * proxy that does not stream, uses the long poll.
   */
  push?: boolean;
  /** How long the server holds each long poll (default 25 s). */
  streamWaitMs?: number;
  /** Most cached resolutions kept; the oldest go first (default 10 000). */
  maxEntries?: number;
  /** Where problems go; default the error handler given to `init`. */
  onError?: (error: GlassboxSdkError) => void;
  now?: () => number;
}

export interface GetPromptOptions {
  /** default `production`. */
  label?: string;
  /** Pins this session to the version its first turn got (server-side, across replicas). */
  sessionId?: string;
  userId?: string;
  /** Served when the registry cannot answer and nothing is cached. */
  fallback?: PromptFallback;
}

/** What the cache holds: a prompt, or another kind's artifact. */
type Served = Prompt | Artifact;

export interface GetArtifactOptions {
  /** default `production`. */
  label?: string;
  /** Pins this session to the version its first turn got (server-side, across replicas). */
  sessionId?: string;
  userId?: string;
  /** Served when the registry cannot answer and nothing is cached. */
  fallback?: ArtifactFallback;
}

interface Entry {
  served: Served;
  /** The same value marked as served from cache, made once so a hit allocates nothing. */
  cached: Served;
  fetchedAtMs: number;
  /** The cache generation of its key when the fetch started (see `invalidate`). */
  generation: number;
  /** The server served it without a canary arm: the same for every user. */
  unsplit: boolean;
  /** Stream connection the entry was confirmed under; undefined when fetched while it was down. */
  streamEpoch?: number;
}

const keyOf = (
  kind: ArtifactKind,
  name: string,
  label: string,
  sessionId?: string,
  userId?: string,
) => JSON.stringify([kind, name, label, sessionId ?? null, userId ?? null]);

/** A registry version as the app gets it: a prompt with its template, or another kind's content. */
function servedOf(version: ArtifactVersion, label: string): Served {
  const { kind, name, config } = version;
  return kind === 'prompt'
    ? makePrompt({
        name,
        label,
        version: version.version,
        template: checkPromptTemplate(version.content),
        config,
        source: 'server',
      })
    : makeArtifact({
        kind,
        name,
        label,
        version: version.version,
        content: version.content,
        config,
        source: 'server',
      });
}

/**
 * The prompt registry on the application's side. `getPrompt` serves from a local cache whose
 * staleness is bounded: while the server's label-move stream is connected an entry is valid
 * until an event invalidates it; otherwise, or for session-pinned entries, it is refetched
 * once older than `maxStalenessMs` (one fetch, never two). When the server cannot answer it
 * serves the cached version, else the declared fallback. It never throws into the app:
 * problems go to the error handler and the worst answer is `undefined` (no fallback given).
 *
 * @example
 * const prompts = createPromptClient({ endpoint: 'http://127.0.0.1:4318' });
 * const prompt = await prompts.getPrompt('support', { sessionId, fallback: BUNDLED });
 * const messages = prompt.render({ question });
 */
export class PromptClient {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private readonly sessionVersions = new Map<string, VersionSnapshot>();
  private readonly http: RegistryHttpOptions;
  private readonly maxStalenessMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private stream: LabelStream | undefined;
  /** Bumped on every (re)connection; undefined while the stream is down. */
  private streamEpoch: number | undefined;
  private epochs = 0;
  private closed = false;
  /** Until when the server counts as down after a failed call (no new calls until then). */
  private unreachableUntil = 0;

  constructor(private readonly options: PromptClientOptions) {
    this.http = {
      endpoint: options.endpoint.replace(/\/+$/, ''),
      ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
      timeoutMs: options.timeoutMs ?? 2000,
    };
    this.maxStalenessMs = options.maxStalenessMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** True while the label-move stream is connected. */
  get streaming(): boolean {
    return this.streamEpoch !== undefined;
  }

  /** How label moves reach this client now: pushed events, the long poll, or none yet. */
  get transport(): 'push' | 'poll' | undefined {
    return this.streamEpoch === undefined ? undefined : this.stream?.transport;
  }

  async getPrompt(
    name: string,
    options: GetPromptOptions & { fallback: PromptFallback },
  ): Promise<Prompt>;
  async getPrompt(name: string, options?: GetPromptOptions): Promise<Prompt | undefined>;
  async getPrompt(name: string, options: GetPromptOptions = {}): Promise<Prompt | undefined> {
    try {
      const prompt = (await this.resolve('prompt', name, options)) as Prompt | undefined;
      if (prompt) this.record(prompt, options.sessionId);
      return prompt ?? this.fallbackOf('prompt', name, options);
    } catch (error) {
      this.report(`getPrompt(${JSON.stringify(name)}) failed`, error);
      return options.fallback === undefined
        ? undefined
        : fallbackPrompt(name, options.label ?? 'production', options.fallback);
    }
  }

  /**
   * Stores a checkpoint of the session's state with the versions it ran under (those this
   * client resolved for it, plus `versions`). Resolves to its id, or undefined on failure.
   */
  async snapshotSession(
    sessionId: string,
    state: unknown,
    versions: VersionSnapshot = {},
  ): Promise<string | undefined> {
    try {
      const body = {
        state,
        versions: { ...this.sessionVersions.get(sessionId), ...versions },
        takenAtMs: this.now(),
      };
      const saved = await registryCall<{ id: string }>(
        this.http,
        'POST',
        `/api/sessions/${encodeURIComponent(sessionId)}/snapshots`,
        body,
      );
      return saved.id;
    } catch (error) {
      this.report(`snapshotSession(${JSON.stringify(sessionId)}) failed`, error);
      return undefined;
    }
  }

  /**
   * The session's newest checkpoint taken at or before `before` (default now), with the
   * versions it belongs to; undefined when there is none or the server cannot answer.
   */
  async restoreSession(
    sessionId: string,
    options: { before?: Date | number } = {},
  ): Promise<{ state: unknown; versions: VersionSnapshot; takenAtMs: number } | undefined> {
    const before = options.before instanceof Date ? options.before.getTime() : options.before;
    const query = before === undefined ? '' : `?before=${before}`;
    try {
      const found = await registryCall<{
        state: unknown;
        versions: VersionSnapshot;
        takenAtMs: number;
      }>(
        this.http,
        'GET',
        `/api/sessions/${encodeURIComponent(sessionId)}/snapshots/latest${query}`,
      );
      return { state: found.state, versions: found.versions, takenAtMs: found.takenAtMs };
    } catch (error) {
      if (!(error instanceof RegistryHttpError && error.status === 404)) {
        this.report(`restoreSession(${JSON.stringify(sessionId)}) failed`, error);
      }
      return undefined;
    }
  }

  /** Stops the stream; later calls still work, by staleness polling. */
  close(): void {
    this.closed = true;
    this.stream?.stop();
    this.stream = undefined;
    this.streamEpoch = undefined;
  }

  /**
   * An agent, model or tools artifact with the same cache, session pinning, fallback and
   * never-throw promise as getPrompt; its version goes on the current span as
   * `glassbox.version.<kind>` (`router@v3`).
   *
   * @example
   * const model = await prompts.getArtifact('model', 'router', { sessionId, fallback: { content: { model: 'gpt-4o-2024-08-06' } } });
   */
  async getArtifact(
    kind: string,
    name: string,
    options: GetArtifactOptions = {},
  ): Promise<Artifact | undefined> {
    try {
      const checked = checkArtifactKind(kind);
      const artifact = (await this.resolve(checked, name, options)) as Artifact | undefined;
      if (artifact) this.record(artifact, options.sessionId);
      return artifact ?? this.fallbackOf(kind, name, options);
    } catch (error) {
      this.report(`getArtifact(${JSON.stringify(kind)}, ${JSON.stringify(name)}) failed`, error);
      return (ARTIFACT_KINDS as readonly string[]).includes(kind)
        ? this.fallbackOf(kind, name, options)
        : undefined;
    }
  }

  private fallbackOf(kind: 'prompt', name: string, options: GetPromptOptions): Prompt | undefined;
  private fallbackOf(kind: string, name: string, options: GetArtifactOptions): Artifact | undefined;
  private fallbackOf(
    kind: string,
    name: string,
    options: GetPromptOptions | GetArtifactOptions,
  ): Served | undefined {
    if (options.fallback === undefined) return undefined;
    const label = options.label ?? 'production';
    return kind === 'prompt'
      ? fallbackPrompt(name, label, options.fallback as PromptFallback)
      : fallbackArtifact(kind as ArtifactKind, name, label, options.fallback as ArtifactFallback);
  }

  private async resolve(
    kind: ArtifactKind,
    name: string,
    options: { label?: string; sessionId?: string; userId?: string },
  ): Promise<Served | undefined> {
    this.ensureStream();
    const label = options.label ?? 'production';
    const { sessionId, userId } = options;
    const key = keyOf(kind, name, label, sessionId, userId);
    const cached = this.entries.get(key);
    if (cached && this.isFresh(key, cached, sessionId !== undefined)) return cached.cached;
    // With no canary splitting the label, every user gets the same version: share one entry.
    const sharedKey =
      userId !== undefined && sessionId === undefined ? keyOf(kind, name, label) : undefined;
    const shared = sharedKey === undefined ? undefined : this.entries.get(sharedKey);
    if (shared?.unsplit && this.isFresh(sharedKey!, shared, false)) return shared.cached;
    // Just failed: serve what we have at once rather than wait on a dead server every call.
    if (this.now() < this.unreachableUntil) return (cached ?? shared)?.cached;
    const generation = this.generations.get(key) ?? 0;
    const sharedGeneration = sharedKey === undefined ? 0 : (this.generations.get(sharedKey) ?? 0);
    const epoch = this.streamEpoch;
    try {
      const query = new URLSearchParams({ label });
      if (sessionId !== undefined) query.set('sessionId', sessionId);
      if (userId !== undefined) query.set('userId', userId);
      const resolved = await registryCall<ResolvedArtifact>(
        this.http,
        'GET',
        `/api/artifacts/${kind}/${encodeURIComponent(name)}?${query}`,
      );
      const served = servedOf(resolved.version, label);
      this.unreachableUntil = 0;
      const entry = (gen: number): Entry => ({
        served,
        cached: { ...served, source: 'cache' },
        fetchedAtMs: this.now(),
        generation: gen,
        unsplit: resolved.arm === undefined,
        ...(epoch !== undefined ? { streamEpoch: epoch } : {}),
      });
      this.store(key, entry(generation));
      if (sharedKey !== undefined && resolved.arm === undefined) {
        this.store(sharedKey, entry(sharedGeneration));
      }
      return served;
    } catch (error) {
      this.report(
        `${kind === 'prompt' ? 'getPrompt' : `getArtifact(${kind})`}(${JSON.stringify(name)}, label ${label}) could not reach the registry`,
        error,
      );
      const answered = error instanceof RegistryHttpError && error.status !== undefined;
      if (!answered || error.status! >= 500) {
        this.unreachableUntil = this.now() + Math.min(this.maxStalenessMs, 1000);
      }
      return (cached ?? shared)?.cached;
    }
  }

  private isFresh(key: string, entry: Entry, pinned: boolean): boolean {
    if ((this.generations.get(key) ?? 0) !== entry.generation) return false;
    if (this.now() - entry.fetchedAtMs < this.maxStalenessMs) return true;
    // Session entries refresh by age even while streaming, so the server sees the session is live.
    return !pinned && entry.streamEpoch !== undefined && entry.streamEpoch === this.streamEpoch;
  }

  private store(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  private invalidate(key: string): void {
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  private apply(events: ArtifactEvent[]): void {
    for (const event of events) {
      const target = event.type === 'label_moved' ? event.target : undefined;
      for (const [key, entry] of this.entries) {
        const [kind, name, label, sessionId] = JSON.parse(key) as [
          string,
          string,
          string,
          string | null,
        ];
        if (kind !== event.kind || name !== event.name) continue;
        const moved = event.type === 'label_moved' && event.label === label && sessionId === null;
        // A canary starting or ending changes which arm serves unpinned requests.
        const split =
          (event.type === 'canary_started' || event.type === 'canary_killed') && sessionId === null;
        const broken =
          (event.type === 'version_revoked' || event.type === 'canary_killed') &&
          entry.served.version === event.version;
        if (moved || split || broken) this.invalidate(key);
        if (moved && entry.unsplit && target?.version === event.to)
          this.replaceFromEvent(key, target, label);
      }
    }
  }

  /**
   * Serves a pushed move's version from now on, as a fetch would have: same key, same place
   * in the cache, current generation (an older fetch still in flight cannot overwrite it).
   */
  private replaceFromEvent(key: string, target: ArtifactVersion, label: string): void {
    let served: Served;
    try {
      served = servedOf(target, label);
    } catch {
      return; // Content this client cannot serve: the next call refetches it.
    }
    this.entries.set(key, {
      served,
      cached: { ...served, source: 'cache' },
      fetchedAtMs: this.now(),
      generation: this.generations.get(key) ?? 0,
      unsplit: true,
      ...(this.streamEpoch !== undefined ? { streamEpoch: this.streamEpoch } : {}),
    });
  }

  private ensureStream(): void {
    if (this.stream || this.closed || this.options.stream === false) return;
    this.stream = new LabelStream({
      ...this.http,
      waitMs: this.options.streamWaitMs ?? 25_000,
      retryMs: 500,
      ...(this.options.push !== undefined ? { push: this.options.push } : {}),
      onEvents: (events) => this.apply(events),
      onHealth: (connected, error) => {
        this.streamEpoch = connected ? ++this.epochs : undefined;
        if (!connected) this.report('the label-move stream is down; polling by staleness', error);
      },
    });
    this.stream.start();
  }

  private record(prompt: Served, sessionId: string | undefined): void {
    // The SDK's own context first (its helpers' spans), then the application's global one.
    const span = otelTrace.getSpan(activeContext()) ?? otelTrace.getActiveSpan();
    if (span) {
      for (const [layer, tag] of Object.entries(prompt.versions)) {
        span.setAttribute(`${GLASSBOX_ATTRIBUTES.versionPrefix}${layer}`, tag);
      }
      if ('template' in prompt) {
        span.setAttribute('gen_ai.prompt.name', prompt.name);
        if (prompt.version !== undefined)
          span.setAttribute(GLASSBOX_ATTRIBUTES.promptVersion, String(prompt.version));
      }
    }
    if (sessionId !== undefined) {
      this.sessionVersions.delete(sessionId);
      this.sessionVersions.set(sessionId, {
        ...this.sessionVersions.get(sessionId),
        ...prompt.versions,
      });
      if (this.sessionVersions.size > this.maxEntries) {
        const oldest = this.sessionVersions.keys().next().value;
        if (oldest !== undefined) this.sessionVersions.delete(oldest);
      }
    }
  }

  private report(message: string, cause: unknown): void {
    const detail =
      cause instanceof Error ? cause.message : cause === undefined ? '' : String(cause);
    const error = new GlassboxSdkError(
      SDK_ERROR_CODES.registryUnavailable,
      detail ? `${message}: ${detail}` : message,
      { cause },
    );
    try {
      (this.options.onError ?? ((e: GlassboxSdkError) => activeSdk().report(e)))(error);
    } catch {
      // A throwing handler is the application's bug; the prompt is still served.
    }
  }
}

/** @example const prompts = createPromptClient({ endpoint: 'http://127.0.0.1:4318' }); */
export function createPromptClient(options: PromptClientOptions): PromptClient {
  return new PromptClient(options);
}
