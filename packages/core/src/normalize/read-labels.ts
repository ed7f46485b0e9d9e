import type { AttributeValue, Attributes } from '../model/attributes.js';
import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import type { VersionSnapshot } from '../model/span.js';
import { replayTag } from '../replay/replay-pairing.js';
import {
  asObject,
  asString,
  asStringList,
  firstOf,
  toText,
  withPrefix,
} from './attribute-values.js';

/** Session, user, tags, metadata and version snapshot of a span. */
export interface Labels {
  sessionId?: string;
  userId?: string;
  tags: string[];
  metadata: Record<string, string>;
  versions: VersionSnapshot;
}

const ASSOCIATION = 'traceloop.association.properties.';
const AI_METADATA = 'ai.telemetry.metadata.';

/**
 * Reads who and what a span belongs to. Session: `gen_ai.conversation.id`, `session.id`,
 * Traceloop association `session_id`, then AI SDK metadata keys (configurable). User:
 * `user.id`, association `user_id`, AI SDK metadata keys, `enduser.id`. Metadata merges
 * OpenInference `metadata` JSON, association properties, AI SDK metadata and
 * `glassbox.metadata.*` (later sources win on the same key).
 */
export function readLabels(
  attributes: Attributes,
  sessionKeys: string[],
  userKeys: string[],
): Labels {
  const association = withPrefix(attributes, ASSOCIATION);
  const aiMetadata = withPrefix(attributes, AI_METADATA);
  const sessionId =
    firstOf(
      attributes,
      ['gen_ai.conversation.id', 'session.id', `${ASSOCIATION}session_id`],
      asString,
    ) ?? firstOf(aiMetadata, sessionKeys, asString);
  const userId =
    firstOf(attributes, ['user.id', `${ASSOCIATION}user_id`], asString) ??
    firstOf(aiMetadata, userKeys, asString) ??
    asString(attributes['enduser.id']);

  const metadata: Record<string, string> = {};
  const sources = [
    asObject(attributes.metadata) ?? {},
    omit(association, ['session_id', 'user_id']),
    omit(aiMetadata, [...sessionKeys, ...userKeys]),
    withPrefix(attributes, GLASSBOX_ATTRIBUTES.metadataPrefix),
  ];
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      const text = toText(value);
      if (text !== undefined) metadata[key] = text;
    }
  }

  const tags = [
    ...(asStringList(attributes[GLASSBOX_ATTRIBUTES.tags]) ?? []),
    ...(asStringList(attributes['tag.tags']) ?? []),
  ];
  // A whole-run replay's spans are tagged with the trace they replay, so its replays can be
  // listed through the indexed tag filter.
  const replayOf = asString(attributes[GLASSBOX_ATTRIBUTES.replayOfTrace]);
  if (replayOf) tags.push(replayTag(replayOf));

  const versions: VersionSnapshot = {};
  for (const [artifact, value] of Object.entries(
    withPrefix(attributes, GLASSBOX_ATTRIBUTES.versionPrefix),
  )) {
    const text = asString(value);
    if (text) versions[artifact] = text;
  }

  return {
    ...(sessionId ? { sessionId } : {}),
    ...(userId ? { userId } : {}),
    tags: [...new Set(tags)],
    metadata,
    versions,
  };
}

function omit(
  source: Record<string, AttributeValue>,
  keys: string[],
): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(source).filter(([key]) => !keys.includes(key)));
}
