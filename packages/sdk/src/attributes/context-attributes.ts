import type { Attributes } from '@opentelemetry/api';
import { GLASSBOX_ATTRIBUTES, type VersionSnapshot } from '@glassbox/core/model';
import type { GlassboxContextValues } from '../context/glassbox-context.js';

/**
 * Attributes carried by every span from the active context and the `init` version snapshot
 * (context versions override `init` ones artifact by artifact).
 *
 * @example
 * contextAttributes({ sessionId: 's' }, { agent: 'v2' })
 * // { 'session.id': 's', 'gen_ai.conversation.id': 's', 'glassbox.version.agent': 'v2' }
 */
export function contextAttributes(
  values: GlassboxContextValues,
  defaultVersions: VersionSnapshot,
): Attributes {
  const attributes: Attributes = {};
  if (values.sessionId !== undefined) {
    attributes['session.id'] = values.sessionId;
    attributes['gen_ai.conversation.id'] = values.sessionId;
  }
  if (values.userId !== undefined) attributes['user.id'] = values.userId;
  if (values.tags !== undefined && values.tags.length > 0)
    attributes[GLASSBOX_ATTRIBUTES.tags] = [...values.tags];
  for (const [key, value] of Object.entries(values.metadata ?? {})) {
    attributes[GLASSBOX_ATTRIBUTES.metadataPrefix + key] = value;
  }
  for (const [artifact, version] of Object.entries({ ...defaultVersions, ...values.versions })) {
    attributes[GLASSBOX_ATTRIBUTES.versionPrefix + artifact] = version;
  }
  return attributes;
}
