import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFailures, type Finding } from '@glassbox/core/classify';
import { diagnoseTrace, type Diagnosis } from '@glassbox/core/diagnose';
import { startGlassbox, storedTraces } from './support/stored-traces.js';
import {
  buildSimulatorCorpus,
  type SimulatorLabelledTrace,
} from '../src/quality/build-simulator-corpus.js';
import {
  formatQualityTable,
  scoreQuality,
  type QualityTrace,
} from '../src/quality/score-quality.js';

/**
 * Floors equal to what the corpora achieve today (rounded down); raise them, never lower them
 * silently. Per category over hand-written plus simulator traces.
 */
const MIN_PRECISION: Record<string, number> = {};
// Format-drift questions whose article was re-synced but whose scores stay near healthy ones.
const MIN_RECALL: Record<string, number> = { low_relevance: 0.91 };
const MIN_LAYER_ACCURACY = { handWritten: 1, simulator: 1, combined: 1 };
const MAX_CLEAN_WITH_FINDINGS = 0;

// The hand-written corpus is not on @glassbox/core's public entry; loaded from its source.
const HAND_WRITTEN = new URL('../../core/test/corpus/index.ts', import.meta.url).href;
const CONTRADICTIONS = new URL(
  '../../core/test/diagnose/diagnosis-contradictions.ts',
  import.meta.url,
).href;

let glassbox: Awaited<ReturnType<typeof startGlassbox>>;
let simulated: SimulatorLabelledTrace[];
let handWritten: QualityTrace[];

beforeAll(async () => {
  handWritten = ((await import(HAND_WRITTEN)) as { CORPUS: QualityTrace[] }).CORPUS;
  glassbox = await startGlassbox();
  simulated = await buildSimulatorCorpus({
    endpoint: glassbox.server.url,
    readTraces: (ids) => storedTraces(glassbox.storage, ids),
    seed: 5,
    // Each incident booking waits out two real client timeouts: keep that phase short.
    requests: (s) => ({ healthy: 8, incident: s.name === 'duplicate-bookings' ? 6 : 8 }),
  });
}, 120_000);
afterAll(() => glassbox?.server.close());

describe('classification quality over hand-written and simulator corpora', () => {
  it('labels every scenario trace, healthy and incident, from injected ground truth', () => {
    const scenarios = new Set(simulated.map((t) => t.scenario));
    expect(scenarios.size).toBe(11);
    expect(simulated.filter((t) => t.phase === 'healthy').length).toBe(88);
    for (const t of simulated.filter((x) => x.layer)) expect(t.phase).toBe('incident');
    expect(simulated.filter((t) => t.layer).length).toBeGreaterThan(60);
  });

  it('reaches the precision / recall floors per category and the layer accuracy floors', () => {
    const hand = scoreQuality(handWritten);
    const sim = scoreQuality(simulated);
    const all = scoreQuality([...handWritten, ...simulated]);
    console.log(`simulator corpus\n${formatQualityTable(sim)}`);
    console.log(`hand-written + simulator\n${formatQualityTable(all)}`);
    if (sim.mismatches.length > 0) console.log(JSON.stringify(sim.mismatches));
    for (const c of all.categories) {
      expect
        .soft(c.precision, `precision of ${c.category}`)
        .toBeGreaterThanOrEqual(MIN_PRECISION[c.category] ?? 1);
      expect
        .soft(c.recall, `recall of ${c.category}`)
        .toBeGreaterThanOrEqual(MIN_RECALL[c.category] ?? 1);
    }
    expect
      .soft(hand.layerAccuracy, 'hand-written')
      .toBeGreaterThanOrEqual(MIN_LAYER_ACCURACY.handWritten);
    expect
      .soft(sim.layerAccuracy, 'simulator')
      .toBeGreaterThanOrEqual(MIN_LAYER_ACCURACY.simulator);
    expect(all.layerAccuracy, 'combined').toBeGreaterThanOrEqual(MIN_LAYER_ACCURACY.combined);
  });

  it('diagnoses every scenario trace without contradicting itself or its findings', async () => {
    const { diagnosisContradictions } = (await import(CONTRADICTIONS)) as {
      diagnosisContradictions(findings: Finding[], diagnosis: Diagnosis): string[];
    };
    const bad = simulated.flatMap((t) => {
      const findings = findFailures(t.spans);
      return diagnosisContradictions(findings, diagnoseTrace(t.spans, findings)).map(
        (line) => `${t.name}: ${line}`,
      );
    });
    expect(simulated.some((t) => t.layer === 'input')).toBe(true);
    expect(bad).toEqual([]);
  });

  it('keeps clean traces clean', () => {
    expect(scoreQuality(handWritten).cleanWithFindings).toBe(0);
    expect(scoreQuality(simulated).cleanWithFindings).toBeLessThanOrEqual(MAX_CLEAN_WITH_FINDINGS);
  });
});
