import { ARTIFACT_KINDS, type ArtifactKind } from '@glassbox/core/artifacts';
import type { Alert } from '@glassbox/core/detect';
import type { ArtifactStore } from '@glassbox/store';

/** A registry artifact label serving the version a change alert saw arrive. */
export interface HoldTarget {
  /** `kind/name`. */
  artifact: string;
  label: string;
  version: number;
  /** How the change maps to this version, for the audit trail and the incident. */
  because: string;
}

/** The artifacts a change maps to, or why none does. */
export type HoldTargets = { targets: HoldTarget[] } | { unmapped: string };

/** The name of the prompt the traces of a prompt-version change used (gen_ai.prompt.name). */
export type PromptNameOf = (change: Alert) => Promise<string | undefined>;

const isArtifactKind = (v: string): v is ArtifactKind =>
  (ARTIFACT_KINDS as readonly string[]).includes(v);

/** `name@v3`, `v3` or `3` as a name (when given) and a version number. */
function versionTag(text: string): { name?: string; version: number } | undefined {
  const match = /^(?:(.+)@)?v?(\d+)$/.exec(text);
  if (!match) return undefined;
  return match[1] === undefined
    ? { version: Number(match[2]) }
    : { name: match[1], version: Number(match[2]) };
}

/** The labelled version of every artifact of `kind` in the project. */
async function labelled(
  store: ArtifactStore,
  projectId: string,
  kind: ArtifactKind,
  label: string,
): Promise<{ name: string; version: number }[]> {
  const artifacts = (await store.listArtifacts(projectId)).filter((a) => a.kind === kind);
  const out: { name: string; version: number }[] = [];
  for (const { name } of artifacts) {
    const version = (await store.getLabels({ projectId, kind, name }))[label];
    if (version !== undefined) out.push({ name, version });
  }
  return out;
}

/** Artifacts of `kind` whose label serves `version` (the tag named no artifact). */
async function servingVersion(
  store: ArtifactStore,
  projectId: string,
  kind: ArtifactKind,
  label: string,
  tag: { name?: string; version: number },
  because: string,
): Promise<HoldTarget[]> {
  const serving = await labelled(store, projectId, kind, label);
  return serving
    .filter((s) => (tag.name === undefined ? s.version === tag.version : s.name === tag.name))
    .map((s) => ({ artifact: `${kind}/${s.name}`, label, version: tag.version, because }));
}

/** Model artifacts whose labelled version pins `model` in its content or config. */
async function pinningModel(
  store: ArtifactStore,
  projectId: string,
  label: string,
  model: string,
): Promise<HoldTarget[]> {
  const out: HoldTarget[] = [];
  for (const s of await labelled(store, projectId, 'model', label)) {
    const key = { projectId, kind: 'model' as const, name: s.name };
    const version = await store.getVersion(key, s.version);
    const content = version?.content as { model?: unknown } | undefined;
    if (content?.model === model || version?.config.model === model) {
      out.push({
        artifact: `model/${s.name}`,
        label,
        version: s.version,
        because: `"${label}" of model/${s.name} serves v${s.version}, which pins ${model}`,
      });
    }
  }
  return out;
}

/**
 * Maps an incident's suspected change to the registry labels that deployed it: an
 * artifact-version change (`model@triage-model@v2`) names its artifact; a new model version
 * maps to the `model` artifacts whose labelled version pins that model id; a new prompt version
 * maps to its prompt artifact (named on the value, `support@v2`, or on the change's traces).
 * A change nothing maps to returns why, in words for the incident timeline.
 *
 * @example
 * await holdTargets(storage.artifacts, 'default', modelChangeAlert, 'production');
 * // { targets: [{ artifact: 'model/triage-model', label: 'production', version: 2, because: '...' }] }
 */
export async function holdTargets(
  store: ArtifactStore,
  projectId: string,
  change: Alert,
  label: string,
  promptNameOf: PromptNameOf = async () => undefined,
): Promise<HoldTargets> {
  const value = String(change.evidence.current.value ?? '');
  let targets: HoldTarget[] = [];
  let kind = 'registry';
  if (change.metric === 'model_share') {
    kind = 'model';
    targets = await pinningModel(store, projectId, label, value);
  } else if (change.metric === 'artifact_version_share') {
    const at = value.indexOf('@');
    const layer = value.slice(0, at);
    const tag = versionTag(value.slice(at + 1));
    if (!isArtifactKind(layer) || !tag) {
      return {
        unmapped: `the changed version "${value}" names no registry artifact (expected kind@name@vN, kind one of ${ARTIFACT_KINDS.join(', ')})`,
      };
    }
    kind = layer;
    targets = await servingVersion(store, projectId, layer, label, tag, `the traces ran ${value}`);
  } else if (change.metric === 'prompt_version_share') {
    const tag = versionTag(value);
    if (!tag) return { unmapped: `the prompt version "${value}" is not a registry version number` };
    const name = tag.name ?? (await promptNameOf(change));
    kind = 'prompt';
    targets = await servingVersion(
      store,
      projectId,
      'prompt',
      label,
      name === undefined ? tag : { ...tag, name },
      `the traces ran prompt ${name ?? ''}${name ? '@' : ''}v${tag.version}`,
    );
  } else {
    return {
      unmapped: `the suspected change (${change.metric.replace(/_share$/, '')} "${value}") is not a registry artifact version`,
    };
  }
  if (targets.length === 0) {
    return {
      unmapped: `no ${kind} artifact's "${label}" label maps to the change "${value}" (${change.title})`,
    };
  }
  return { targets };
}
