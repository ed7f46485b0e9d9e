import { BISECTION_FACTORS, FACTOR_DESCRIPTIONS } from '@glassbox/core/replay';
import { bisectTrace, type BisectProgress } from '@glassbox/server';
import { CliError } from '../cli-error.js';
import type { Command, Output } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';
import { formatBisection } from '../replay/format-report.js';
import { PROVIDERS_FLAG_HELP } from '../replay/providers-flag.js';
import { openReplaySession, toCliError } from '../replay/replay-session.js';
import { STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';
import { numberFlag } from '../number-flag.js';

const HELP = `Usage: glassbox bisect TRACE_ID --good TRACE_ID [options]

Finds the factor whose swap fixes a failing trace. Replays its LLM call as-is, then with one
factor at a time set to the good trace's value (pairs when no single one fixes it), N trials
each; each answer is judged by the classifier. Each arm gets a failure rate with a Wilson 95%
interval, a Fisher exact p against the bad arm (Holm-adjusted) and an effect size with its
95% interval. The verdict names the factor, or says why it cannot.

Factors (default: every one that differs):
${BISECTION_FACTORS.map((f) => `  ${f.padEnd(10)}${FACTOR_DESCRIPTIONS[f]}`).join('\n')}

Options:
  --good TRACE_ID      A known-good trace of the same request path (required); "before"
                       takes the latest healthy trace of the same route before the failing one;
                       "snapshot" takes the version snapshot the failing call pinned
                       (glassbox.version.model, param.temperature, ...)
  --trials N           Trials per arm (default 20)
  --budget USD         Stop before spending more (price-table estimates, then actual usage)
  --factors a,b        Only these factors
  --span SPAN_ID       The bad trace's LLM span (default: the one its findings point at)
  --good-span SPAN_ID  The good trace's LLM span (default: the same step by name)
  --no-pairs           Do not try pairs when no single factor fixes it
  --dry-run            Show the planned calls and estimated cost, call nothing
${PROVIDERS_FLAG_HELP}
  --json               Print the whole result as JSON
  --project NAME       The traces' project (default: default)
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help

Exit codes: 0 a factor (or pair) named, 3 no answer (abstained), 1 error, 2 usage.
`;

const FLAGS = {
  good: { type: 'string' },
  trials: { type: 'string' },
  budget: { type: 'string' },
  factors: { type: 'string' },
  span: { type: 'string' },
  'good-span': { type: 'string' },
  'no-pairs': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  providers: { type: 'string' },
  json: { type: 'boolean' },
  project: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/** Progress lines on standard error: the plan, then a line per finished arm. */
function progressReporter(err: Output): (event: BisectProgress) => void {
  let lastDraw = 0;
  return (event) => {
    if (event.kind === 'plan')
      err.write(
        `planned ${event.plannedCalls} calls over arms ${event.arms.join(', ')}; estimated ${event.estimatedCostUsd === null ? 'cost unknown (a model has no price)' : `$${event.estimatedCostUsd.toFixed(4)}`}\n`,
      );
    else if (event.kind === 'trial') {
      const now = Date.now();
      if (event.done === event.of || now - lastDraw >= 100) {
        lastDraw = now;
        err.write(
          `\r${event.arm}: ${event.done}/${event.of}  (calls ${event.calls}, $${event.costUsd.toFixed(4)})`,
        );
      }
    } else
      err.write(
        `\r${event.arm}: ${event.failures}/${event.judged} failed${event.errors ? `, ${event.errors} provider errors` : ''}\x1b[K\n`,
      );
  };
}

/**
 * `glassbox bisect TRACE_ID --good TRACE_ID`: which factor's swap fixes the failure.
 *
 * @example await bisectCommand.run([bad, '--good', good, '--trials', '20', '--budget', '0.5'], context)
 */
export const bisectCommand: Command = {
  async run(argv, context) {
    const [first, ...rest] = argv;
    const traceId = first !== undefined && !first.startsWith('-') ? first : undefined;
    const { values } = parseFlags('bisect', traceId ? rest : argv, FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    if (!traceId)
      throw new CliError('MISSING_OPTION', 'bisect needs the failing TRACE_ID', 'bisect');
    if (!values.good)
      throw new CliError(
        'MISSING_OPTION',
        'bisect needs --good TRACE_ID (a trace of the same path that worked), --good before or --good snapshot',
        'bisect',
      );
    const trials =
      numberFlag('bisect', 'trials', values.trials, { integer: true, min: 1, max: 1000 }) ?? 20;
    const budgetUsd = numberFlag('bisect', 'budget', values.budget, { min: 0 });
    const factors = values.factors
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const session = await openReplaySession('bisect', values, context);
    try {
      const result = await bisectTrace(
        session.ports,
        session.providers,
        session.projectId,
        traceId,
        {
          ...(values.good === 'before'
            ? {}
            : values.good === 'snapshot'
              ? { goodVersions: 'own' as const }
              : { goodTraceId: values.good }),
          trials,
          pairs: !values['no-pairs'],
          dryRun: values['dry-run'] === true,
          onProgress: progressReporter(context.stderr),
          ...(budgetUsd !== undefined ? { budgetUsd } : {}),
          ...(factors && factors.length > 0 ? { factors } : {}),
          ...(values.span ? { spanId: values.span } : {}),
          ...(values['good-span'] ? { goodSpanId: values['good-span'] } : {}),
        },
      ).catch((error: unknown) => {
        throw toCliError(
          error,
          'bisect',
          `project ${session.projectId}, ${session.storageDescription}`,
        );
      });
      const runId = result.verdict === null ? null : await session.save('bisect', result);
      if (runId)
        context.stderr.write(`stored as bisection run ${runId} of trace ${result.traceId}\n`);
      context.stdout.write(
        values.json
          ? `${JSON.stringify({ runId, ...result }, null, 2)}\n`
          : formatBisection(result),
      );
      if (result.verdict === null) return 0;
      return result.verdict.kind === 'factor' || result.verdict.kind === 'pair' ? 0 : 3;
    } finally {
      await session.close();
    }
  },
};
