import type { Finding, Layer } from '../classify/failure-categories.js';
import type { Span } from '../model/span.js';

export interface Clearing {
  /** The layer was observable in this trace, so "no finding" means something. */
  checked: boolean;
  confidence: number;
  against: string[];
  unknownBecause: string[];
}

/** What the trace shows in a layer's favour, and whether it was observable at all. */
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
    against: string[],
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
      const against = [`${docs.length} documents retrieved`];
      if (scores.length > 0) against.push(`top relevance score ${Math.max(...scores)}`);
      if (grounded) against.push('the answer\u2019s facts appear in the retrieved documents');
      return c(docs.length > 0, grounded ? 0.8 : 0.6, against, 'no retrieval in this trace');
    }
    case 'generation': {
      const pinned = llm.filter((s) => s.versions.model || s.metadata.expected_model);
      const against = [
        ...(grounded
          ? ['the answer\u2019s citations, numbers and names are all found in the context']
          : []),
        ...(pinned.length > 0
          ? ['the served model and sampling match the pinned version snapshot']
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
      return c(expected, 0.7, ['the expected route was taken'], 'no expected route recorded');
    }
    case 'upstream_data': {
      const dated = docs.filter(
        (d) => d.ingestedAtMs !== undefined || d.metadata?.ingested_at !== undefined,
      );
      return c(
        dated.length > 0,
        0.6,
        [`${dated.length} documents have fresh ingestion times`],
        'documents carry no ingestion metadata',
      );
    }
    case 'tools': {
      const tools = spans.filter((s) => s.kind === 'tool' || s.kind === 'agent');
      return c(
        tools.length > 0,
        0.7,
        [`${tools.length} tool/agent steps without errors, loops or duplicates`],
        'no tool or agent steps',
      );
    }
    case 'infrastructure': {
      const calls = spans.filter(
        (s) =>
          s.kind === 'llm' || s.kind === 'tool' || s.kind === 'retriever' || s.kind === 'embedding',
      );
      return c(
        calls.length > 0,
        0.8,
        [`${calls.length} calls completed without timeouts, rate limits or network errors`],
        'no external calls',
      );
    }
    case 'input':
      return c(
        llm.length > 0,
        0.6,
        ['input within the context window, no truncation seen'],
        'no model calls',
      );
    case 'output':
      return c(
        llm.length > 0,
        0.7,
        ['outputs complete, well-formed and not refusals'],
        'no model calls',
      );
    case 'cost_latency':
      return c(spans.length > 0, 0.8, ['latency, cost and tokens within budget'], 'no spans');
  }
}
