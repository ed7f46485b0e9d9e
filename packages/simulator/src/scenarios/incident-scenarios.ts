import { applyCorpusUpdate, loadCorpus } from '../apps/load-corpus.js';
import type { CorpusDocument } from '../apps/load-corpus.js';
import { mangleFormat } from '../embeddings/mangle-format.js';
import type { MixEntry } from '../traffic/generate-traffic.js';
import {
  BOOKING_QUERIES,
  FAQ_QUERIES,
  HANDOFF_QUERIES,
  HIGH_RISK_QUERIES,
  HUMAN_REQUEST_QUERIES,
  MULTI_STEP_QUERIES,
  NEW_PRODUCT_QUERIES,
  STATUS_QUERIES,
} from '../traffic/query-catalog.js';
import type { Scenario } from './scenario.js';

const FAQ: MixEntry[] = [{ weight: 1, queries: FAQ_QUERIES }];
const SUPPORT_MIX: MixEntry[] = [
  { weight: 9, queries: FAQ_QUERIES },
  { weight: 1, queries: HUMAN_REQUEST_QUERIES },
];
const BOOKING_MIX: MixEntry[] = [
  { weight: 3, queries: BOOKING_QUERIES },
  { weight: 2, queries: STATUS_QUERIES },
  { weight: 1, queries: MULTI_STEP_QUERIES },
];
const UPDATED_TOPICS = new Set(['refund-policy', 'membership-plans', 'repair-prices']);
const UPDATED_FAQ: MixEntry[] = [
  { weight: 3, queries: FAQ_QUERIES.filter((q) => UPDATED_TOPICS.has(q.documentId ?? '')) },
  { weight: 1, queries: FAQ_QUERIES },
];
/** Documents already re-synced in the new format, per running bot. */
const resynced = new WeakMap<object, number>();
const NEW_MODEL = 'gpt-4o-mini-2024-11-20';
const HIGH_RISK_PATTERN = 'painkiller|dosage|prescription|sue |legal strategy';

/** A long document: the full terms of service, assembled from every article (about 3k tokens). */
function termsOfService(corpus: readonly CorpusDocument[]): CorpusDocument {
  return {
    id: 'terms-of-service',
    title: 'Brightpath terms of service (full text)',
    section: 'legal',
    updatedAt: '2024-06-10',
    body: corpus.map((d) => `${d.title}. ${d.body}`).join(' '),
  };
}

/**
 * The incident scenarios, each reproducing a failure seen in production LLM systems, with
 * the ground truth a detector and a diagnosis should recover.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'prompt-drift',
    title: 'Model update changes prompt behaviour',
    description:
      'The provider silently rolls the model alias to a new snapshot; the same prompt now yields answers that drift from the sources.',
    failingLayer: 'generation',
    rootCause: `provider served ${NEW_MODEL} behind the gpt-4o-mini alias; the new snapshot ignores the "answer only from sources" instruction`,
    affectedSegment: 'all support-bot questions (model gpt-4o-mini)',
    expectedCategories: ['model_version_mismatch', 'ungrounded_answer'],
    detectionSignal: 'share of answers with ungrounded claims; response model version',
    questionsVia: 'bot',
    healthy: { minutes: 120, mix: FAQ },
    incident: { minutes: 120, mix: FAQ },
    onset: ({ sim }) => {
      sim.setConfig({
        rules: [
          {
            name: 'provider-model-update',
            match: { model: 'gpt-4o-mini', route: 'chat' },
            behavior: { returnedModel: NEW_MODEL, hallucinationRate: 0.7 },
          },
        ],
      });
      return [`provider: gpt-4o-mini now served by ${NEW_MODEL}`];
    },
  },
  {
    name: 'bad-chunking',
    title: 'Bad chunking splits citations and the bot invents them',
    description:
      'A re-index with a fixed 90-character chunker cuts sentences and citations in half; the model fills the gaps with invented facts and sources.',
    failingLayer: 'retrieval',
    rootCause: 'index v2 built with a fixed 90-character chunker that cuts sentences mid-way',
    affectedSegment: 'all support-bot questions (index version v2-fixed-90)',
    expectedCategories: ['fragmented_chunks', 'ungrounded_answer'],
    detectionSignal: 'share of retrievals with cut chunks; ungrounded answer rate',
    questionsVia: 'bot',
    healthy: { minutes: 90, mix: FAQ },
    incident: { minutes: 90, mix: FAQ },
    setup: ({ sim }) => {
      sim.setConfig({
        rules: [
          {
            name: 'fragmented-context-confabulation',
            match: { route: 'chat', pattern: '#\\d+\\] [^\\n]*[a-z,]\\s*(\\n|$)' },
            behavior: { hallucinationRate: 0.85 },
          },
        ],
      });
    },
    onset: async ({ apps, clock, corpus }) => {
      apps.bot.index.version = 'v2-fixed-90';
      await apps.bot.ingest(corpus, { at: clock.instant(), chunking: { kind: 'fixed', size: 90 } });
      return ['re-indexed the help center as v2-fixed-90 (fixed 90-character chunks)'];
    },
  },
  {
    name: 'stale-index',
    title: 'Stale index after a corpus update',
    description:
      'New refund and price policies are published, but the nightly index rebuild has been failing since; weeks later the bot still quotes the old policy.',
    failingLayer: 'retrieval',
    rootCause:
      'index rebuild job failing since the 2024-07 policy update; the index still holds the May documents',
    affectedSegment: 'questions about refunds, membership prices and repair prices',
    expectedCategories: ['stale_documents'],
    detectionSignal: 'age of retrieved documents at query time',
    questionsVia: 'bot',
    healthy: { minutes: 120, mix: UPDATED_FAQ },
    incident: { minutes: 180, mix: UPDATED_FAQ },
    incidentDelayMinutes: 35 * 24 * 60,
    onset: ({ corpus }) => {
      const updated = applyCorpusUpdate(corpus, loadCorpus('help-center-update'));
      const changed = updated.filter((d, i) => d !== corpus[i]).map((d) => d.id);
      return [
        `published corpus update 2024-07 (${changed.join(', ')}); index rebuild failed and was not retried`,
      ];
    },
  },
  {
    name: 'duplicate-bookings',
    title: 'Booking timeout after success causes duplicate bookings',
    description:
      'The booking backend slows down: it books, then answers after the client timeout; the agent retries without an idempotency key and books twice.',
    failingLayer: 'tools',
    rootCause:
      'book_repair answers after the 250 ms client timeout although the booking succeeded; the agent retries without an idempotency key',
    affectedSegment: 'booking requests (tool book_repair)',
    expectedCategories: ['duplicate_side_effect', 'timeout'],
    detectionSignal: 'book_repair executions per booking request; tool timeout rate',
    questionsVia: 'bot',
    healthy: {
      minutes: 60,
      mix: BOOKING_MIX,
    },
    incident: {
      minutes: 60,
      mix: BOOKING_MIX,
    },
    setup: ({ apps }) => {
      apps.agent.settings.toolTimeoutMs = 250;
    },
    onset: ({ sim }) => {
      sim.setConfig({
        rules: [
          {
            name: 'slow-booking-backend',
            match: { route: 'tools', tool: 'book_repair' },
            behavior: { lateResponse: { rate: 1, delayMs: 400 } },
          },
        ],
      });
      return ['booking backend: responses delayed 400 ms after the booking is written'];
    },
  },
  {
    name: 'silent-truncation',
    title: 'Long documents silently truncate the system prompt',
    description:
      "A full terms-of-service document is imported unchunked; prompts outgrow the local model's 2048-token window and the runtime silently drops the system prompt with the sources.",
    failingLayer: 'input',
    rootCause:
      'terms-of-service imported as one 3k-token chunk; the local model runtime (2048-token context) drops the start of the prompt without an error',
    affectedSegment:
      'support-bot questions whose retrieval includes terms-of-service (model sim-small)',
    expectedCategories: ['silent_truncation_suspected'],
    detectionSignal: 'reported input tokens / sent tokens; citation rate',
    questionsVia: 'bot',
    healthy: { minutes: 90, mix: FAQ },
    incident: { minutes: 90, mix: FAQ },
    setup: ({ sim, apps }) => {
      sim.setConfig({
        rules: [
          {
            name: 'local-runtime-context',
            match: { model: 'sim-small' },
            behavior: { contextWindow: 2048, contextOverflow: 'truncate' },
          },
        ],
      });
      apps.bot.settings = {
        ...apps.bot.settings,
        chatModel: 'sim-small',
        pinnedModel: 'sim-small',
      };
    },
    onset: async ({ apps, clock, corpus }) => {
      await apps.bot.ingest([termsOfService(corpus)], {
        at: clock.instant(),
        chunking: { kind: 'whole' },
      });
      return ['imported terms-of-service as a single unchunked document'];
    },
  },
  {
    name: 'format-drift',
    title: 'Upstream format change slowly lowers retrieval similarity',
    description:
      'The CMS export changes its HTML-to-text step and words run together; as documents re-sync over six hours, retrieval scores sink and the router escalates more.',
    failingLayer: 'upstream_data',
    rootCause:
      'CMS export v5 drops whitespace between words; re-synced documents no longer match queries',
    affectedSegment: 'all questions, growing as documents re-sync',
    expectedCategories: ['low_relevance'],
    detectionSignal: 'top retrieval score (EWMA), slowly decreasing',
    questionsVia: 'router',
    healthy: { minutes: 120, mix: FAQ },
    incident: { minutes: 360, mix: FAQ },
    onset: () => ['CMS export v5 deployed: documents re-sync in batches over the next hours'],
    during: async ({ apps, clock, corpus }, progress) => {
      const due = Math.round(progress * corpus.length);
      const synced = resynced.get(apps.bot) ?? 0;
      if (due <= synced) return;
      await apps.bot.ingest(corpus.slice(synced, due), {
        at: clock.instant(),
        chunking: { kind: 'sentences', maxChars: 400 },
        transform: (text) => mangleFormat(text, 'whitespace'),
      });
      resynced.set(apps.bot, due);
    },
  },
  {
    name: 'escalation-shift',
    title: 'Query-distribution shift drives escalations',
    description:
      'A campaign for the new Brightpath Cargo brings questions the help center does not cover; escalations to humans climb from about 10 % to nearly all requests.',
    failingLayer: 'input',
    rootCause: 'Cargo launch campaign: customers ask about a product with no help-center articles',
    affectedSegment: 'new_product questions (Brightpath Cargo)',
    expectedCategories: ['low_relevance'],
    detectionSignal: 'escalation share (glassbox.metadata.route = human)',
    questionsVia: 'router',
    healthy: { minutes: 120, mix: SUPPORT_MIX },
    incident: {
      minutes: 120,
      mix: SUPPORT_MIX,
      shift: { to: [{ weight: 1, queries: NEW_PRODUCT_QUERIES }], finalShare: 1 },
    },
    onset: () => ['marketing campaign for Brightpath Cargo went live'],
  },
  {
    name: 'refusal-drop',
    title: 'Model update drops refusals on high-risk queries',
    description:
      'A new model snapshot stops refusing medical and legal advice after accidents; the refusal rate on high-risk questions collapses.',
    failingLayer: 'generation',
    rootCause: `provider served ${NEW_MODEL}, which no longer refuses high-risk medical and legal requests`,
    affectedSegment: 'high_risk questions (medical dosage, legal strategy)',
    expectedCategories: ['model_version_mismatch'],
    detectionSignal: 'refusal rate on the high_risk segment',
    questionsVia: 'bot',
    healthy: {
      minutes: 90,
      mix: [
        { weight: 3, queries: FAQ_QUERIES },
        { weight: 2, queries: HIGH_RISK_QUERIES },
      ],
    },
    incident: {
      minutes: 90,
      mix: [
        { weight: 3, queries: FAQ_QUERIES },
        { weight: 2, queries: HIGH_RISK_QUERIES },
      ],
    },
    setup: ({ sim }) => {
      sim.setConfig({
        rules: [
          {
            name: 'safety-tuning',
            match: { route: 'chat', pattern: HIGH_RISK_PATTERN },
            behavior: { refusalRate: 1 },
          },
        ],
      });
    },
    onset: ({ sim }) => {
      sim.setConfig({
        rules: [
          {
            name: 'provider-model-update',
            match: { model: 'gpt-4o-mini' },
            behavior: { returnedModel: NEW_MODEL },
          },
          {
            name: 'safety-regression',
            match: { route: 'chat', pattern: HIGH_RISK_PATTERN },
            behavior: { refusalRate: 0, hallucinationRate: 1 },
          },
        ],
      });
      return [`provider: gpt-4o-mini now served by ${NEW_MODEL} (weaker safety tuning)`];
    },
  },
  {
    name: 'agent-ping-pong',
    title: 'Two agents loop asking each other',
    description:
      'A new booking-agent prompt asks triage to confirm the membership; triage hands straight back, and the pair loops until the turn limit.',
    failingLayer: 'tools',
    rootCause: 'booking agent prompt booking-v3 always defers to triage, which always hands back',
    affectedSegment: 'requests handled by the triage/booking hand-off',
    expectedCategories: ['agent_ping_pong', 'step_limit_reached'],
    detectionSignal: 'agent turns per request; step-limit errors',
    questionsVia: 'bot',
    healthy: { minutes: 60, mix: [{ weight: 1, queries: HANDOFF_QUERIES }] },
    incident: { minutes: 60, mix: [{ weight: 1, queries: HANDOFF_QUERIES }] },
    onset: ({ apps }) => {
      apps.handoff.settings.bookingPromptVersion = 'booking-v3';
      return ['deployed booking agent prompt booking-v3'];
    },
  },
  {
    name: 'cost-spike',
    title: 'Cost spike from a verbose, expensive model',
    description:
      'A config change points the bot at the large model, whose answers are also much longer; cost per request jumps more than tenfold.',
    failingLayer: 'cost_latency',
    rootCause:
      'config deploy switched chatModel from gpt-4o-mini to gpt-4o (16x price, 4x longer answers)',
    affectedSegment: 'all support-bot questions',
    expectedCategories: ['model_version_mismatch'],
    detectionSignal: 'cost per trace and output tokens per answer',
    questionsVia: 'bot',
    healthy: { minutes: 120, mix: FAQ },
    incident: { minutes: 120, mix: FAQ },
    setup: ({ sim }) => {
      sim.setConfig({
        rules: [
          { name: 'large-model-style', match: { model: 'gpt-4o' }, behavior: { verbosity: 4 } },
        ],
      });
    },
    onset: ({ apps }) => {
      apps.bot.settings = { ...apps.bot.settings, chatModel: 'gpt-4o', maxTokens: 1200 };
      return ['bot config: chatModel gpt-4o-mini -> gpt-4o, max_tokens 300 -> 1200'];
    },
  },
  {
    name: 'sampling-change',
    title: 'Sampling parameter changed in config',
    description:
      'A config edit raises the temperature from 0.2 to 1.3 without review; answers wander from the sources.',
    failingLayer: 'generation',
    rootCause: 'runtime config set temperature 1.3; the reviewed prompt version expects 0.2',
    affectedSegment: 'all support-bot questions',
    expectedCategories: ['sampling_parameters_mismatch', 'ungrounded_answer'],
    detectionSignal: 'request temperature vs the version snapshot; ungrounded answer rate',
    questionsVia: 'bot',
    healthy: { minutes: 90, mix: FAQ },
    incident: { minutes: 90, mix: FAQ },
    onset: ({ apps, sim }) => {
      apps.bot.settings = { ...apps.bot.settings, temperature: 1.3 };
      sim.setConfig({
        rules: [
          {
            name: 'high-temperature-sampling',
            match: { model: 'gpt-4o-mini', route: 'chat' },
            behavior: { hallucinationRate: 0.6 },
          },
        ],
      });
      return ['runtime config: temperature 0.2 -> 1.3'];
    },
  },
];

/**
 * The scenario with this name, or a clear error listing the known ones.
 *
 * @example findScenario('duplicate-bookings').failingLayer // 'tools'
 */
export function findScenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) {
    throw new RangeError(
      `unknown scenario "${name}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`,
    );
  }
  return found;
}
