import type { Finding, Layer } from '../classify/failure-categories.js';
import type { Span } from '../model/span.js';
import type { EvidenceKind } from './diagnosis.js';

/** One statement in a layer's favour, and the kinds of failure it says did not happen. */
export interface Clearance {
  text: string;
  rulesOut: readonly EvidenceKind[];
}

export interface Clearing {
  /** The layer was observable in this trace, so "no finding" means something. */
  checked: boolean;
  confidence: number;
  against: Clearance[];
  unknownBecause: string[];
}

const say = (text: string, ...rulesOut: EvidenceKind[]): Clearance => ({ text, rulesOut });

/**
 * What the trace shows in a layer's favour, and whether it was observable at all. Each
 * statement names the failures it rules out, so the diagnosis can drop the ones a finding
 * contradicts.
 */
export function clearingEvidence(
  layer: Layer,
  spans: Span[],
  findings: Finding[],
  answer: Span | undefined,
): Clearing {
  const llm = spans.filter((s) => s.kind === 'llm');
  const retrievers = spans.filter((s) => s.kind === 'retriever');
  const docs = retrievers.flatMap((s) => s.documents);
  const grounded =
    answer !== undefined &&
    docs.some((d) => d.content) &&
    !findings.some((f) => f.category === 'ungrounded_answer');
  const c = (
    checked: boolean,
    confidence: number,
    against: Clearance[],
    unknownBecause: string,
  ): Clearing => ({
    checked,
    confidence,
    against: checked ? against : [],
    unknownBecause: checked ? [] : [unknownBecause],
  });
  switch (layer) {
    case 'retrieval': {
      const scores = docs.map((d) => d.score).filter((s): s is number => typeof s === 'number');
      const against = [say(`${docs.length} documents retrieved`, 'no_documents')];
      if (scores.length > 0)
        against.push(say(`top relevance score ${Math.max(...scores)}`, 'low_relevance'));
      if (grounded)
        against.push(
          say('the answer\u2019s facts appear in the retrieved documents', 'ungrounded_answer'),
        );
      return c(docs.length > 0, grounded ? 0.8 : 0.6, against, 'no retrieval in this trace');
    }
    case 'generation': {
      const pinned = llm.filter((s) => s.versions.model || s.metadata.expected_model);
      const against = [
        ...(grounded
          ? [
              say(
                'the answer\u2019s citations, numbers and names are all found in the context',
                'ungrounded_answer',
              ),
            ]
          : []),
        ...(pinned.length > 0
          ? [
              say(
                'the served model and sampling match the pinned version snapshot',
                'model_version_mismatch',
                'sampling_parameters_mismatch',
              ),
            ]
          : []),
      ];
      return c(
        against.length > 0,
        grounded ? 0.75 : 0.6,
        against,
        'no retrieved context to check the answer against and no pinned model',
      );
    }
    case 'routing': {
      const expected = spans.some((s) => s.metadata.expected_tool || s.metadata.expected_agent);
      return c(
        expected,
        0.7,
        [say('the expected route was taken', 'routing_mismatch')],
        'no expected route recorded',
      );
    }
    case 'upstream_data': {
      const dated = docs.filter(
        (d) => d.ingestedAtMs !== undefined || d.metadata?.ingested_at !== undefined,
      );
      return c(
        dated.length > 0,
        0.6,
        [
          say(
            `${dated.length} documents have fresh ingestion times`,
            'stale_documents',
            'upstream_change',
          ),
        ],
        'documents carry no ingestion metadata',
      );
    }
    case 'tools': {
      const tools = spans.filter((s) => s.kind === 'tool' || s.kind === 'agent');
      const failed = tools.some((s) => s.status === 'error');
      const against = [
        say(
          'no repeated calls or hand-off loops',
          'tool_loop',
          'agent_ping_pong',
          'step_limit_reached',
        ),
        say('no side effect executed twice', 'duplicate_side_effect'),
      ];
      // A step that timed out or was rate limited failed too, though infrastructure holds it.
      if (!failed)
        against.unshift(
          say(
            `${tools.length} tool/agent steps, none failed`,
            'tool_error',
            'invalid_tool_arguments',
            'timeout',
            'rate_limit',
            'service_unavailable',
            'network_error',
          ),
        );
      return c(tools.length > 0, 0.7, against, 'no tool or agent steps');
    }
    case 'infrastructure': {
      const calls = spans.filter(
        (s) =>
          s.kind === 'llm' || s.kind === 'tool' || s.kind === 'retriever' || s.kind === 'embedding',
      );
      return c(
        calls.length > 0,
        0.8,
        [
          say(
            `${calls.length} calls completed without timeouts, rate limits or network errors`,
            'timeout',
            'rate_limit',
            'service_unavailable',
            'network_error',
          ),
        ],
        'no external calls',
      );
    }
    case 'input':
      return c(
        llm.length > 0,
        0.6,
        [
          say(
            'input within the context window',
            'context_length_exceeded',
            'context_budget_exhausted',
          ),
          say('no truncation seen', 'silent_truncation_suspected'),
        ],
        'no model calls',
      );
    case 'output':
      return c(
        llm.length > 0,
        0.7,
        [
          say('outputs complete', 'incomplete_response', 'empty_output'),
          say('outputs well-formed', 'malformed_response'),
          say('no refusals or filtered outputs', 'refusal', 'content_filter'),
        ],
        'no model calls',
      );
    case 'cost_latency':
      return c(
        spans.length > 0,
        0.8,
        [
          say('latency within budget', 'latency_over_budget'),
          say('cost within budget', 'cost_over_budget'),
          say('tokens within budget', 'token_over_budget'),
        ],
        'no spans',
      );
  }
}
