// Classification quality: precision and recall per failure category and diagnosis layer
// accuracy over the hand-written corpus plus every simulator scenario's stored traces
// (labelled from injected ground truth). Run `npm run build` first; writes bench/RESULTS.md.
import { createServer } from '@glassbox/server';
import { createMemoryStorage } from '@glassbox/store';
import { CORPUS } from '../packages/core/test/index.ts';
import {
  buildSimulatorCorpus,
  formatQualityTable,
  scoreQuality,
} from '../packages/simulator/dist/quality/index.js';
import { describeLoad, describeMachine } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';

const SEED = 5;
const REQUESTS = (s) => ({ healthy: 8, incident: s.name === 'duplicate-bookings' ? 6 : 8 });

async function readTraces(storage, ids) {
  const out = [];
  for (const id of ids) {
    let detail = await storage.traces.getTrace('default', id);
    for (let i = 0; !detail && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 20));
      detail = await storage.traces.getTrace('default', id);
    }
    if (!detail) throw new Error(`trace ${id} was not stored`);
    out.push(detail.spans);
  }
  return out;
}

const load = describeLoad();
const storage = createMemoryStorage();
const server = await createServer({ storage, host: '127.0.0.1', port: 0 });
const started = Date.now();
let simulated;
try {
  simulated = await buildSimulatorCorpus({
    endpoint: server.url,
    readTraces: (ids) => readTraces(storage, ids),
    seed: SEED,
    requests: REQUESTS,
  });
} finally {
  await server.close();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const hand = scoreQuality(CORPUS);
const sim = scoreQuality(simulated);
const all = scoreQuality([...CORPUS, ...simulated]);
console.log(`hand-written + simulator\n${formatQualityTable(all)}`);

const byCategory = (report) => new Map(report.categories.map((c) => [c.category, c]));
const handBy = byCategory(hand);
const simBy = byCategory(sim);
const cell = (c) =>
  c
    ? `${c.precision.toFixed(2)} / ${c.recall.toFixed(2)} (${c.truePositives}/${c.falsePositives}/${c.falseNegatives})`
    : '-';
const rows = all.categories.map((c) => [
  `\`${c.category}\``,
  c.precision.toFixed(2),
  c.recall.toFixed(2),
  cell(handBy.get(c.category)),
  cell(simBy.get(c.category)),
]);
const below = all.categories.filter((c) => c.precision < 0.9 || c.recall < 0.9);
const layerRow = (name, r) => [
  name,
  String(r.traces),
  String(r.layerScored),
  r.layerAccuracy.toFixed(3),
  String(r.cleanWithFindings),
];
const date = new Date().toISOString().slice(0, 10);
const body = [
  `Machine: ${describeMachine()}. ${load}.`,
  '',
  `Hand-written corpus (\`packages/core/src/classify/corpus\`, ${CORPUS.length} traces) plus the simulator corpus (\`packages/simulator/src/quality\`): all 11 scenarios run through a real server with memory storage (seed ${SEED}, 8 healthy and 8 incident requests each, 6 incident for duplicate-bookings; ${simulated.length} traces in ${seconds} s). Simulator traces are labelled from what was injected per request (provider ground-truth tags, tool executions, client timeouts, re-ingested documents, off-corpus questions), never from the classifier. Layer accuracy: diagnoseTrace's most likely layer against the label, on labelled failing traces that have findings. Layer labels follow the issue's layers: a served model or sampling other than the version snapshot pins is generation (prompt-drift, refusal-drop, cost-spike, sampling-change), a recent re-index or re-sync that broke the documents is upstream data (bad-chunking, format-drift), an index left stale is retrieval, off-corpus questions are input (query-shift).`,
  '',
  markdownTable(
    [
      'category',
      'precision',
      'recall',
      'hand-written P / R (tp/fp/fn)',
      'simulator P / R (tp/fp/fn)',
    ],
    rows,
  ),
  '',
  markdownTable(
    ['corpus', 'traces', 'layer-scored', 'layer accuracy', 'clean traces with findings'],
    [layerRow('hand-written', hand), layerRow('simulator', sim), layerRow('combined', all)],
  ),
  '',
  `Below the 0.9 aim: ${below.length === 0 ? 'none' : below.map((c) => `\`${c.category}\``).join(', ')}; layer accuracy ${all.layerAccuracy >= 0.9 ? 'meets' : 'is below'} the 0.9 aim.`,
  '',
  'Simulator mismatches (expected vs found categories, expected vs diagnosed layer):',
  '',
  ...sim.mismatches.map(
    (m) =>
      `- ${m.name}: expected [${m.expected.join(', ')}], found [${m.found.join(', ')}]${m.expectedLayer && m.foundLayer && m.expectedLayer !== m.foundLayer ? `; layer ${m.expectedLayer}, diagnosed ${m.foundLayer}` : ''}`,
  ),
].join('\n');
console.log(`written to ${writeResultsSection(`Classification quality (${date})`, body)}`);
