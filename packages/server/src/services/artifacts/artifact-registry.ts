import {
  ArtifactError,
  checkArtifactName,
  checkVersionInput,
  decidePin,
  DEFAULT_PIN_IDLE_MS,
  resolveLabel,
  type ArtifactVersion,
  type ArtifactVersionInput,
  type LabelMove,
  type ResolvedArtifact,
} from '@glassbox/core/artifacts';
import type { ArtifactKey, ArtifactStore } from '@glassbox/store';

export interface ArtifactRegistryOptions {
  /** A session idle longer than this starts over on its next turn (default 30 min). */
  pinIdleMs?: number;
  now?: () => number;
  /** Called after every label move or revocation this process made (wakes long polls). */
  onEvent?: (projectId: string) => void;
}

/** Who is acting on the registry and why. */
export interface Acting {
  actor: string;
  reason: string;
}

/** Tries of a pin's compare-and-set before giving up on storing it (the turn is still served). */
const PIN_ATTEMPTS = 4;

/**
 * The registry's workflows over the ArtifactStore: core checks the input and decides pins;
 * the store keeps the state. Unknown artifacts are ArtifactError `unknown_artifact` naming
 * the artifacts of that kind that exist.
 *
 * @example
 * const registry = new ArtifactRegistry(storage.artifacts);
 * await registry.resolve(key, 'production', { sessionId: 's-1' });
 */
export class ArtifactRegistry {
  private readonly pinIdleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ArtifactStore,
    private readonly options: ArtifactRegistryOptions = {},
  ) {
    this.pinIdleMs = options.pinIdleMs ?? DEFAULT_PIN_IDLE_MS;
    this.now = options.now ?? Date.now;
  }

  async createVersion(
    key: ArtifactKey,
    input: ArtifactVersionInput,
    actor: string,
  ): Promise<ArtifactVersion> {
    checkArtifactName(key.name, 'name');
    const checked = checkVersionInput(key.kind, input);
    return this.store.createVersion(key, {
      ...checked,
      ...(input.message !== undefined ? { message: input.message } : {}),
      createdBy: actor,
      createdAtMs: this.now(),
    });
  }

  /** Every version, oldest first; unknown_artifact when there is none. */
  async versions(key: ArtifactKey): Promise<ArtifactVersion[]> {
    const versions = await this.store.listVersions(key);
    if (versions.length === 0) throw await this.unknown(key);
    return versions;
  }

  async version(key: ArtifactKey, version: number): Promise<ArtifactVersion> {
    const found = await this.store.getVersion(key, version);
    if (found) return found;
    const versions = await this.versions(key);
    throw new ArtifactError(
      'unknown_version',
      `${key.kind} "${key.name}" has no version ${version}; versions: ${versions.map((v) => v.version).join(', ')}`,
    );
  }

  /**
   * The version to serve for `label`: without a session, the label's target; with one, the
   * session's pin (created on its first resolution, kept across label moves, broken by
   * revocation or idling).
   */
  async resolve(
    key: ArtifactKey,
    label: string,
    unit: { sessionId?: string; userId?: string } = {},
  ): Promise<ResolvedArtifact> {
    const versions = await this.versions(key);
    const target = resolveLabel(label, await this.store.getLabels(key), versions);
    const byNumber = (n: number) => versions[n - 1] as ArtifactVersion;
    const { sessionId } = unit;
    if (sessionId === undefined) return { label, version: byNumber(target) };
    const pinKey = { ...key, label, sessionId };
    const isRevoked = (n: number) => byNumber(n)?.revokedAtMs !== undefined;
    const decide = async () => {
      const pin = await this.store.getPin(pinKey);
      const decision = decidePin({
        sessionId,
        ...(pin ? { pin } : {}),
        target,
        now: this.now(),
        idleTimeoutMs: this.pinIdleMs,
        isRevoked,
      });
      return { decision, stored: await this.store.putPin(pinKey, decision.pin, pin) };
    };
    let { decision, stored } = await decide();
    // Another replica changed the pin between read and write: decide again on its value.
    for (let attempt = 1; !stored && attempt < PIN_ATTEMPTS; attempt++) {
      ({ decision, stored } = await decide());
    }
    return {
      label,
      version: byNumber(decision.version),
      pin: { sessionId, outcome: decision.outcome, pinnedAtMs: decision.pin.pinnedAtMs },
    };
  }

  async moveLabel(
    key: ArtifactKey,
    label: string,
    version: number,
    acting: Acting,
  ): Promise<LabelMove> {
    await this.versions(key);
    const move = await this.store.moveLabel(key, label, version, { ...acting, atMs: this.now() });
    this.options.onEvent?.(key.projectId);
    return move;
  }

  async revoke(key: ArtifactKey, version: number, acting: Acting): Promise<ArtifactVersion> {
    await this.version(key, version);
    await this.store.revokeVersion(key, version, { ...acting, atMs: this.now() });
    this.options.onEvent?.(key.projectId);
    return this.version(key, version);
  }

  async history(key: ArtifactKey, limit: number) {
    await this.versions(key);
    return this.store.history(key, limit);
  }

  /** Live pins per version: seen within the idle timeout. */
  async pins(key: ArtifactKey) {
    await this.versions(key);
    return this.store.pinCounts(key, this.now() - this.pinIdleMs);
  }

  private async unknown(key: ArtifactKey): Promise<ArtifactError> {
    const names = (await this.store.listArtifacts(key.projectId))
      .filter((a) => a.kind === key.kind)
      .map((a) => a.name);
    return new ArtifactError(
      'unknown_artifact',
      `${key.kind} "${key.name}" does not exist; ${key.kind} artifacts: ${names.length === 0 ? 'none' : names.join(', ')}`,
    );
  }
}
