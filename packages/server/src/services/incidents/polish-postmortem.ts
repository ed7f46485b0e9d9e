import {
  applyPolish,
  assemblePostmortem,
  polishPrompt,
  POLISH_INSTRUCTIONS,
  proseOf,
  readRewordings,
  type PolishedPostmortem,
} from '@glassbox/core/postmortem';
import { callModel } from '../replay/call-model.js';
import { HOW_TO_CONFIGURE, type ReplayProviders } from '../replay/replay-providers.js';
import { ReplayServiceError } from '../replay/replay-service-error.js';
import { gatherPostmortemEvidence, type PostmortemPorts } from './gather-postmortem-evidence.js';

/** The model asked to reword when neither the request nor the provider names one. */
export const DEFAULT_POLISH_MODEL = 'gpt-4o-mini';

/**
 * The optional polish pass: the configured provider rewords the postmortem's summary and
 * timeline lines only. Each rewording must keep every number, quoted value and link of the
 * draft's line (core's checkRewording); the ones that do not are dropped and the draft's
 * text stays, marked as code's. Without a provider this throws `no_provider`; the draft
 * itself never depends on a model.
 *
 * @example
 * const polished = await polishPostmortem(ports, providers, 'default', incidentId);
 */
export async function polishPostmortem(
  ports: PostmortemPorts,
  providers: ReplayProviders,
  projectId: string,
  incidentId: string,
  model?: string,
): Promise<PolishedPostmortem> {
  const draft = assemblePostmortem(await gatherPostmortemEvidence(ports, projectId, incidentId));
  const first = providers.describe()[0];
  if (!first) {
    throw new ReplayServiceError(
      'no_provider',
      `no model provider is configured for the polish pass: ${HOW_TO_CONFIGURE}`,
    );
  }
  // A provider that lists no models serves any: the default polish model then.
  const chosen = model ?? first.models[0] ?? DEFAULT_POLISH_MODEL;
  const { client } = providers.clientFor(chosen);
  const out = await callModel(client, {
    model: chosen,
    temperature: 0,
    messages: [
      { role: 'system', content: POLISH_INSTRUCTIONS },
      { role: 'user', content: polishPrompt(proseOf(draft)) },
    ],
  } as Parameters<typeof callModel>[1]);
  if (out.error) {
    if (out.error.status === 404)
      throw new ReplayServiceError('unknown_model', `polish model ${chosen}: ${out.error.message}`);
    // A failed call leaves the draft as code wrote it, saying why.
    return { ...applyPolish(draft, new Map()), failure: `${chosen}: ${out.error.message}` };
  }
  return applyPolish(draft, readRewordings(out.content ?? ''), out.responseModel ?? chosen);
}
