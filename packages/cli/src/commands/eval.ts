import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { compareRuns, runItemResults } from '@glassbox/core/evals';
import type { ExperimentRun, ProviderResponse } from '@glassbox/core/evals';
import { serverClient } from '../server-client.js';
import { fetchDataset, testsFromDataset } from '../eval/dataset-tests.js';
import { runOutcomes } from '../eval/run-outcomes.js';
import type { CliContext, Command } from '../cli-context.js';
import { envValue } from '../env-value.js';
import { parseFlags } from '../parse-flags.js';
import { compareWithBaseline, describeComparison } from '../eval/baseline-comparison.js';
import { createEvalServices } from '../eval/create-eval-services.js';
import { evalStats } from '../eval/eval-result.js';
import { JavascriptSandbox } from '../eval/javascript-sandbox.js';
import { loadEvalConfig } from '../eval/load-eval-config.js';
import { progressBar } from '../eval/progress-bar.js';
import { createEvalProvider } from '../eval/providers/create-eval-provider.js';
import type { EvalReport } from '../eval/reports/eval-report.js';
import { failureReason, resultName } from '../eval/reports/eval-report.js';
import { htmlReport } from '../eval/reports/html-report.js';
import { jsonReport, responsesFromJsonReport } from '../eval/reports/json-report.js';
import { junitReport } from '../eval/reports/junit-report.js';
import { markdownReport } from '../eval/reports/markdown-report.js';
import { runEval } from '../eval/run-eval.js';
import { parseGateRef, postEvalGate } from '../eval/eval-gate.js';
import { addTraceRetrievalScores, describeRetrieval } from '../eval/trace-retrieval-scores.js';
import { parseDurationFlag } from '../duration-flag.js';

const HELP = `Usage: glassbox eval [-c promptfooconfig.yaml] [options]

Runs a promptfoo configuration (providers, prompts, tests, defaultTest, scenarios,
evaluateOptions) and gates on the result. Exit codes: 0 when the pass rate reaches the
threshold (default 100 %), 100 when it does not (PROMPTFOO_FAILED_TEST_EXIT_CODE), 1 on
configuration or run errors. Repeats are independent calls, never served from a cache.

Options:
  -c, --config PATH          Config file (default: promptfooconfig.yaml)
  -o, --output PATH          Write a report; the extension picks the format: .json, .xml
                             (JUnit), .html (self-contained), .md (pull-request summary).
                             Repeatable
  -j, --max-concurrency N    Calls in flight at once (default: evaluateOptions.maxConcurrency or 4)
      --repeat N             Run every test N times (default: evaluateOptions.repeat or 1)
      --pass-rate PERCENT    Minimum pass rate to exit 0 [PROMPTFOO_PASS_RATE_THRESHOLD]
      --rescore REPORT.json  Grade the responses stored in an earlier JSON report again instead
                             of calling the providers (marked "cached"; latency cannot be graded)
      --baseline RUN.json    Compare with an earlier run's JSON report (paired McNemar,
                             Wilcoxon, bootstrap interval, Holm) and fail on a significant
                             regression, even when every test passed
      --baseline RUN_ID      With --dataset: compare with a run stored on the server
      --dataset NAME[@N]     Take the tests from a dataset version on the server (newest
                             when no version); the config gives providers, prompts, defaultTest
      --record               With --dataset: store this run on the server (one provider and
                             one prompt: the run's target)
      --note TEXT            What changed in this run (stored with --record)
      --trace-wait DURATION  Retrieval metrics for an http/exec app that traces to the server:
                             wait up to DURATION in all (e.g. 10s) for the trace each request
                             started (its traceparent), and score the documents its retriever
                             returned against the test's metadata.goldDocumentIds (dataset
                             items' gold ids): precision@1/3/5, recall@5, MRR, nDCG@5
      --url URL              The server (default GLASSBOX_ENDPOINT or http://127.0.0.1:4318)
      --api-key KEY          default GLASSBOX_API_KEY
      --gate KIND/NAME@N     Record the outcome (pass or fail, pass rate) as the eval gate of
                             that artifact version, e.g. prompt/support@3: what lets a
                             protected label move to it
      --server URL           Glassbox server for --gate [GLASSBOX_ENDPOINT, else loopback]
      --no-progress          Do not draw the progress bar
  -h, --help                 Show this help

Providers: openai:chat:MODEL (OPENAI_BASE_URL, OPENAI_API_KEY), http/https URLs, exec:COMMAND,
echo. Model-graded assertions use GLASSBOX_GRADER_MODEL (default gpt-4.1-mini) unless the
test or assertion names a provider.
`;

const FLAGS = {
  config: { type: 'string', short: 'c' },
  output: { type: 'string', short: 'o', multiple: true },
  'max-concurrency': { type: 'string', short: 'j' },
  repeat: { type: 'string' },
  'pass-rate': { type: 'string' },
  rescore: { type: 'string' },
  baseline: { type: 'string' },
  dataset: { type: 'string' },
  record: { type: 'boolean' },
  note: { type: 'string' },
  url: { type: 'string' },
  'api-key': { type: 'string' },
  'no-progress': { type: 'boolean' },
  gate: { type: 'string' },
  server: { type: 'string' },
  'trace-wait': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class EvalUsageError extends Error {}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new EvalUsageError(`invalid ${flag} "${value}": expected a positive integer`);
  return Number(value);
}

function percent(source: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new EvalUsageError(`invalid ${source} "${value}": expected a percentage from 0 to 100`);
  return n;
}

/** A baseline is an earlier run's JSON report (stored runs by id come with the experiment store). */
function readBaseline(path: string, given: string): string {
  if (extname(path) !== '.json') {
    throw new EvalUsageError(
      `--baseline ${given}: expected the JSON report of an earlier run (glassbox eval -o run.json)`,
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new EvalUsageError(
      `cannot read --baseline ${given}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

const WRITERS: Record<string, (report: EvalReport) => string> = {
  '.json': jsonReport,
  '.xml': junitReport,
  '.html': htmlReport,
  '.md': markdownReport,
};

/**
 * `glassbox eval -c promptfooconfig.yaml`: the CI gate over promptfoo configs.
 *
 * @example
 * const code = await evalCommand.run(['-c', 'promptfooconfig.yaml', '-o', 'results.xml'], context);
 */
export const evalCommand: Command = {
  async run(argv, context) {
    try {
      return await runEvalCommand(argv, context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      context.stderr.write(`glassbox eval: error: ${message}\n`);
      return 1;
    }
  },
};

async function runEvalCommand(argv: readonly string[], context: CliContext): Promise<number> {
  const { values } = parseFlags('eval', argv, FLAGS);
  if (values.help) {
    context.stdout.write(HELP);
    return 0;
  }
  if (values.record && values.dataset === undefined)
    throw new EvalUsageError(
      '--record needs --dataset NAME[@VERSION]: a run belongs to a dataset version',
    );
  const traceWaitMs =
    values['trace-wait'] === undefined
      ? undefined
      : parseDurationFlag('eval', '--trace-wait', values['trace-wait']);
  const server =
    values.dataset === undefined && traceWaitMs === undefined
      ? undefined
      : serverClient('eval', values, context);
  const dataset = server && values.dataset ? await fetchDataset(server, values.dataset) : undefined;
  const storedBaseline =
    server && values.baseline !== undefined && extname(values.baseline) !== '.json'
      ? values.baseline
      : undefined;
  const baseline =
    values.baseline === undefined || storedBaseline !== undefined
      ? undefined
      : {
          text: readBaseline(resolve(context.cwd, values.baseline), values.baseline),
          source: values.baseline,
        };
  const gate = parseGateRef(values.gate, (m) => new EvalUsageError(m));
  const configPath = resolve(context.cwd, values.config ?? 'promptfooconfig.yaml');
  const outputs = [...(values.output ?? [])].map((o) => resolve(context.cwd, o));
  for (const o of outputs)
    if (!WRITERS[extname(o)])
      throw new EvalUsageError(`unknown report type for ${o} (use .json, .xml, .html or .md)`);
  const concurrencyFlag = positiveInteger('--max-concurrency', values['max-concurrency']);
  const repeatFlag = positiveInteger('--repeat', values.repeat);
  const threshold =
    percent('--pass-rate', values['pass-rate']) ??
    percent(
      'PROMPTFOO_PASS_RATE_THRESHOLD',
      envValue(context.env, 'PROMPTFOO_PASS_RATE_THRESHOLD'),
    ) ??
    100;
  const failedExitText = envValue(context.env, 'PROMPTFOO_FAILED_TEST_EXIT_CODE');
  const failedExit =
    failedExitText !== undefined && /^\d+$/.test(failedExitText) ? Number(failedExitText) : 100;
  const stored: Map<string, ProviderResponse> | undefined =
    values.rescore === undefined
      ? undefined
      : responsesFromJsonReport(
          readFileSync(resolve(context.cwd, values.rescore), 'utf8'),
          values.rescore,
        );

  const suite = loadEvalConfig(configPath, dataset ? { tests: testsFromDataset(dataset) } : {});
  if (values.record && (suite.providers.length !== 1 || suite.prompts.length !== 1))
    throw new EvalUsageError(
      `--record stores one target: the config has ${suite.providers.length} providers and ${suite.prompts.length} prompts (keep one of each)`,
    );
  if (repeatFlag !== undefined) suite.evaluateOptions.repeat = repeatFlag;
  const concurrency = concurrencyFlag ?? suite.evaluateOptions.maxConcurrency;
  const sandbox = new JavascriptSandbox();
  const started = new Date();
  const t0 = performance.now();
  const bar =
    values['no-progress'] || !(context.stderr as { isTTY?: boolean }).isTTY
      ? undefined
      : progressBar(context.stderr);
  try {
    const environment = { env: context.env, cwd: dirname(configPath), sandbox };
    const providers = suite.providers.map((spec) => createEvalProvider(spec, environment));
    const results = await runEval({
      suite,
      providers,
      services: createEvalServices(context.env, sandbox),
      concurrency,
      ...(stored ? { storedResponses: stored } : {}),
      ...(bar ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}),
    });
    bar?.finish();
    const retrieval =
      server && traceWaitMs !== undefined
        ? await addTraceRetrievalScores(results, { server, waitMs: traceWaitMs, concurrency })
        : undefined;
    const stats = evalStats(results);
    const report: EvalReport = {
      configPath,
      ...(suite.description ? { description: suite.description } : {}),
      startedAt: started.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      concurrency,
      stats,
      results,
    };
    for (const path of [
      ...outputs,
      ...suite.outputPath.map((p) => resolve(dirname(configPath), p)),
    ]) {
      const writer = WRITERS[extname(path)];
      if (!writer) throw new EvalUsageError(`unknown report type for outputPath ${path}`);
      writeFileSync(path, writer(report));
    }
    for (const r of results.filter((x) => x.status !== 'pass').slice(0, 10)) {
      context.stdout.write(
        `${r.status === 'error' ? 'ERROR' : 'FAIL '} ${resultName(r)}: ${failureReason(r).split('\n')[0]}\n`,
      );
    }
    if (retrieval) context.stdout.write(describeRetrieval(retrieval));
    context.stdout.write(
      `Results: ${stats.successes} passed, ${stats.failures} failed, ${stats.errors} errors (pass rate ${stats.passRate.toFixed(2)} %)\nDuration: ${(report.durationMs / 1000).toFixed(1)} s (concurrency: ${concurrency})\n`,
    );
    if (server && dataset && values.record) {
      const provider = suite.providers[0];
      const recorded = await server.call<{ id: string }>('POST', '/api/eval-runs', {
        dataset: dataset.name,
        datasetVersion: dataset.version,
        target: `${provider?.label ?? provider?.id ?? 'provider'} · ${suite.prompts[0]?.label ?? 'prompt'}`,
        repeats: suite.evaluateOptions.repeat,
        ...(values.note !== undefined ? { note: values.note } : {}),
        outcomes: runOutcomes(results),
      });
      context.stdout.write(
        `Recorded run ${recorded.id} on ${dataset.name}@${dataset.version}: ${server.url}/runs/${recorded.id}\n`,
      );
    }
    const exit = await verdictExit();
    if (gate) {
      const summary = `${stats.successes} passed, ${stats.failures} failed, ${stats.errors} errors`;
      const total = stats.successes + stats.failures + stats.errors;
      const passed = exit === 0;
      const recorded = await postEvalGate(
        gate,
        { passed, passRatePercent: stats.passRate, total, summary },
        values,
        context,
      );
      context.stdout.write(
        `Gate ${passed ? 'passed' : 'failed'} for ${gate.kind}/${gate.name}@${gate.version} (recorded ${recorded.id})\n`,
      );
    }
    return exit;

    async function verdictExit(): Promise<number> {
      if (server && storedBaseline !== undefined) {
        const run = await server.call<ExperimentRun>(
          'GET',
          `/api/eval-runs/${encodeURIComponent(storedBaseline)}`,
        );
        const comparison = compareRuns(
          runItemResults(run.outcomes),
          runItemResults(runOutcomes(results)),
        );
        context.stdout.write(describeComparison(comparison));
        if (comparison.verdict === 'worse') return failedExit;
      }
      if (baseline) {
        const comparison = compareWithBaseline(baseline.text, baseline.source, results);
        context.stdout.write(describeComparison(comparison));
        if (comparison.verdict === 'worse') return failedExit;
      }
      if (stats.passRate < threshold) {
        if (threshold < 100)
          context.stdout.write(
            `Pass rate ${stats.passRate.toFixed(2)} % is below the threshold of ${threshold} %\n`,
          );
        return failedExit;
      }
      return 0;
    }
  } finally {
    await sandbox.close();
  }
}
