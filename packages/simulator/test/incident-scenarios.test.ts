import type { Span } from '@glassbox/core/model';
import { detectRefusal } from '@glassbox/core/classify';
import { isEscalation } from '@glassbox/core/detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from '../src/scenarios/ground-truth.js';
import { findScenario, SCENARIOS } from '../src/scenarios/incident-scenarios.js';
import { runScenario } from '../src/scenarios/run-scenario.js';
import type { PhaseTraces } from './support/stored-traces.js';
import { categoryShare, mean, phaseTraces, startGlassbox } from './support/stored-traces.js';

let glassbox: Awaited<ReturnType<typeof startGlassbox>>;
const runs = new Map<string, { truth: GroundTruth; traces: PhaseTraces }>();

async function run(name: string) {
  const cached = runs.get(name);
  if (cached) return cached;
  const { groundTruth } = await runScenario(findScenario(name), {
    endpoint: glassbox.server.url,
    seed: 5,
    healthyRequests: 14,
    // Each incident booking waits out two real client timeouts: keep that phase short.
    incidentRequests: name === 'duplicate-bookings' ? 8 : 14,
  });
  const result = { truth: groundTruth, traces: await phaseTraces(glassbox.storage, groundTruth) };
  runs.set(name, result);
  return result;
}

beforeAll(async () => {
  glassbox = await startGlassbox();
});
afterAll(() => glassbox.server.close());

const root = (spans: Span[]) => spans.find((s) => s.parentSpanId === undefined)!;
const llm = (traces: Span[][]) => traces.flatMap((t) => t.filter((s) => s.kind === 'llm'));
/** The final answer: the last model call's text output. */
const answerText = (spans: Span[]) => {
  const calls = spans.filter((s) => s.kind === 'llm').sort((a, b) => a.startMs - b.startMs);
  const last = calls[calls.length - 1];
  return last?.outputMessages.map((m) => m.content).join('\n') ?? last?.output ?? '';
};
const rawDocs = (span: Span) =>
  Object.keys(span.attributes)
    .filter((k) => /^retrieval\.documents\.\d+\.document\.id$/.test(k))
    .map((k) => {
      const prefix = k.slice(0, -'id'.length);
      const metadata = JSON.parse(String(span.attributes[`${prefix}metadata`] ?? '{}')) as {
        ingested_at?: string;
        index_version?: string;
      };
      return {
        content: String(span.attributes[`${prefix}content`] ?? ''),
        score: Number(span.attributes[`${prefix}score`]),
        ingestedAt: Date.parse(metadata.ingested_at ?? ''),
        indexVersion: metadata.index_version,
      };
    });
const retrievals = (traces: Span[][]) =>
  traces.flatMap((t) => t.filter((s) => s.kind === 'retriever'));
const DAY = 86_400_000;

describe('every scenario', () => {
  for (const scenario of SCENARIOS) {
    const categories = scenario.expectedCategories;
    if (categories.length === 0) continue;
    it(`${scenario.name}: ${categories.join(', ')} appear in the incident phase, not before`, async () => {
      const { truth, traces } = await run(scenario.name);
      expect(traces.healthy).toHaveLength(truth.healthy.requests);
      expect(traces.incident).toHaveLength(truth.incident.requests);
      for (const category of categories) {
        const before = categoryShare(traces.healthy, category);
        expect(before, category).toBeLessThanOrEqual(0.25);
        expect(categoryShare(traces.incident, category), category).toBeGreaterThanOrEqual(
          Math.max(0.3, before + 0.25),
        );
      }
      expect(truth.onsetMs).toBeGreaterThan(truth.healthy.toMs);
      expect(truth.incident.fromMs).toBeGreaterThan(truth.onsetMs);
      for (const spans of traces.incident) {
        expect(root(spans).startMs).toBeGreaterThanOrEqual(truth.onsetMs);
      }
    });
  }
});

describe('each scenario produces the failure it claims', () => {
  it('prompt-drift: a new model snapshot answers with claims absent from the sources', async () => {
    const { traces } = await run('prompt-drift');
    expect(new Set(llm(traces.healthy).map((s) => s.responseModel))).toEqual(
      new Set(['gpt-4o-mini-2024-07-18']),
    );
    expect(new Set(llm(traces.incident).map((s) => s.responseModel))).toEqual(
      new Set(['gpt-4o-mini-2024-11-20']),
    );
  });

  it('bad-chunking: retrieved chunks are cut mid-sentence and answers cite sources that were not retrieved', async () => {
    const { truth, traces } = await run('bad-chunking');
    // The re-index is on record in the retrieved documents' metadata: version and ingestion time.
    const docs = (ts: Span[][]) => retrievals(ts).flatMap(rawDocs);
    expect(new Set(docs(traces.healthy).map((d) => d.indexVersion))).toEqual(new Set(['v1']));
    expect(new Set(docs(traces.incident).map((d) => d.indexVersion))).toEqual(
      new Set(['v2-fixed-90']),
    );
    for (const d of docs(traces.incident)) expect(d.ingestedAt).toBe(truth.onsetMs);
    const cutShare = (ts: Span[][]) => {
      const docs = retrievals(ts).flatMap(rawDocs);
      return docs.filter((d) => !/[.!?]$/.test(d.content.trim())).length / docs.length;
    };
    expect(cutShare(traces.healthy)).toBe(0);
    expect(cutShare(traces.incident)).toBeGreaterThan(0.5);
    const invented = (ts: Span[][]) =>
      ts.filter((spans) => {
        const retrieved = new Set(
          retrievals([spans]).flatMap((r) =>
            rawDocs(r).map((_, i) => String(r.attributes[`retrieval.documents.${i}.document.id`])),
          ),
        );
        const cited = [...answerText(spans).matchAll(/\[([^\]\s]+)\]/g)].map((m) => m[1]!);
        return cited.some((c) => !retrieved.has(c));
      }).length / ts.length;
    expect(invented(traces.healthy)).toBe(0);
    expect(invented(traces.incident)).toBeGreaterThanOrEqual(0.4);
  });

  it('stale-index: weeks after the corpus update, answers come from documents ingested before it', async () => {
    const { truth, traces } = await run('stale-index');
    const ages = (ts: Span[][]) =>
      retrievals(ts).flatMap((r) => rawDocs(r).map((d) => (r.startMs - d.ingestedAt) / DAY));
    expect(Math.max(...ages(traces.healthy))).toBeLessThan(1);
    expect(Math.min(...ages(traces.incident))).toBeGreaterThan(30);
    const oldRefund = traces.incident.filter((spans) =>
      /30 days|9 euros|49 euros/.test(answerText(spans)),
    );
    expect(oldRefund.length).toBeGreaterThan(0);
    expect(truth.changes.join(' ')).toMatch(/refund-policy/);
  });

  it('duplicate-bookings: one booking request executes book_repair twice with the same arguments', async () => {
    const { traces } = await run('duplicate-bookings');
    const maxExecutions = (spans: Span[]) => {
      const counts = new Map<string, number>();
      for (const s of spans.filter((x) => x.kind === 'tool' && x.tool?.name === 'book_repair')) {
        counts.set(s.tool?.arguments ?? '', (counts.get(s.tool?.arguments ?? '') ?? 0) + 1);
      }
      return Math.max(0, ...counts.values());
    };
    const bookings = (ts: Span[][]) =>
      ts.filter((spans) => spans.some((s) => s.tool?.name === 'book_repair'));
    expect(bookings(traces.healthy).length).toBeGreaterThan(0);
    expect(bookings(traces.healthy).every((spans) => maxExecutions(spans) === 1)).toBe(true);
    expect(bookings(traces.incident).length).toBeGreaterThan(0);
    expect(bookings(traces.incident).every((spans) => maxExecutions(spans) === 2)).toBe(true);
  });

  it('the booking agent works through multi-step plans: a status check, then a booking', async () => {
    const { traces } = await run('duplicate-bookings');
    const multi = traces.healthy.filter((spans) => /then book/.test(root(spans).input ?? ''));
    expect(multi.length).toBeGreaterThan(0);
    for (const spans of multi) {
      const tools = spans
        .filter((s) => s.kind === 'tool')
        .sort((a, b) => a.startMs - b.startMs)
        .map((s) => s.tool?.name);
      expect(tools).toEqual(['check_booking_status', 'book_repair']);
      expect(spans.filter((s) => s.kind === 'llm')).toHaveLength(4);
    }
  });

  it('silent-truncation: the provider counts far fewer input tokens than sent and ignores the system prompt', async () => {
    const { traces } = await run('silent-truncation');
    const cited = (ts: Span[][]) =>
      ts.filter((spans) => /\[[\w-]+#\d+\]/.test(answerText(spans))).length / ts.length;
    const ratio = (s: Span) =>
      (s.usage.input ?? 0) / s.inputMessages.reduce((n, m) => n + m.content.length / 4, 0);
    expect(cited(traces.healthy)).toBeGreaterThanOrEqual(0.7);
    expect(cited(traces.incident)).toBeLessThanOrEqual(0.15);
    expect(mean(llm(traces.healthy).map(ratio))).toBeGreaterThan(0.7);
    expect(mean(llm(traces.incident).map(ratio))).toBeLessThan(0.6);
  });

  it('format-drift: top retrieval scores sink gradually over the incident phase', async () => {
    const { traces } = await run('format-drift');
    const top = (ts: Span[][]) =>
      mean(retrievals(ts).map((r) => Math.max(...rawDocs(r).map((d) => d.score))));
    const third = Math.floor(traces.incident.length / 3);
    const early = top(traces.incident.slice(0, third));
    const late = top(traces.incident.slice(-third));
    expect(top(traces.healthy) - late).toBeGreaterThan(0.2);
    expect(early).toBeGreaterThan(late);
  });

  it('query-shift: escalations climb from about 10 % to nearly all requests', async () => {
    const { traces } = await run('query-shift');
    const escalated = (ts: Span[][]) =>
      ts.filter((spans) => isEscalation(spans)).length / ts.length;
    expect(escalated(traces.healthy)).toBeLessThanOrEqual(0.3);
    expect(escalated(traces.incident.slice(-5))).toBeGreaterThanOrEqual(0.8);
  });

  it('refusal-drop: high-risk questions are refused before the model update and answered after', async () => {
    const { traces } = await run('refusal-drop');
    const refused = (ts: Span[][]) => {
      const risky = ts.filter((spans) => root(spans).metadata.segment === 'high_risk');
      expect(risky.length).toBeGreaterThan(0);
      return risky.filter((spans) => detectRefusal(answerText(spans))).length / risky.length;
    };
    expect(refused(traces.healthy)).toBe(1);
    expect(refused(traces.incident)).toBe(0);
  });

  it('agent-ping-pong: the two agents alternate until the turn limit', async () => {
    const { truth, traces } = await run('agent-ping-pong');
    expect(truth.healthy.errors).toBe(0);
    expect(truth.incident.errors).toBe(truth.incident.requests);
    const turns = (spans: Span[]) =>
      spans.filter((s) => s.kind === 'agent' && s.parentSpanId).length;
    expect(Math.max(...traces.healthy.map(turns))).toBe(2);
    expect(Math.min(...traces.incident.map(turns))).toBe(10);
  });

  it('cost-spike: cost per request jumps more than fivefold', async () => {
    const { traces } = await run('cost-spike');
    const cost = (ts: Span[][]) =>
      mean(ts.map((spans) => spans.reduce((n, s) => n + (s.costUsd ?? 0), 0)));
    expect(cost(traces.healthy)).toBeGreaterThan(0);
    expect(cost(traces.incident)).toBeGreaterThan(5 * cost(traces.healthy));
  });

  it('sampling-change: the incident calls run at temperature 1.3 against a reviewed 0.2', async () => {
    const { traces } = await run('sampling-change');
    const chat = (ts: Span[][]) => llm(ts).filter((s) => s.parameters.temperature !== undefined);
    expect(new Set(chat(traces.healthy).map((s) => s.parameters.temperature))).toEqual(
      new Set([0.2]),
    );
    expect(new Set(chat(traces.incident).map((s) => s.parameters.temperature))).toEqual(
      new Set([1.3]),
    );
  });
});
