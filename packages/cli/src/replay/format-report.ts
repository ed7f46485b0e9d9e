import type { ProportionInterval } from '@glassbox/core/stats';
import type { BisectionResult, ReplayResult } from '@glassbox/server';

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const interval = (r: ProportionInterval | null) =>
  r ? `${pct(r.estimate)} [${pct(r.lower)}, ${pct(r.upper)}]` : 'n/a';
const usd = (x: number | null) => (x === null ? 'unknown' : `$${x.toFixed(4)}`);
const p = (x: number | null) => (x === null ? '-' : x < 0.001 ? x.toExponential(1) : x.toFixed(3));

/** A bisection for people: the verdict, then one line per arm. */
export function formatBisection(result: BisectionResult): string {
  const lines = [
    `Bisection of trace ${result.traceId} (span ${result.spanId}) ${
      result.goodReference === 'snapshot'
        ? `against its version snapshot (${Object.entries(result.snapshot?.versions ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')})`
        : `against good trace ${result.goodTraceId}${result.goodReference === 'before' ? ' (the latest healthy trace of the route before it)' : ''}`
    }`,
    `Failure = any of: ${result.targetCategories.join(', ')}`,
    `Differing factors: ${result.differences.map((d) => d.factor).join(', ')}` +
      (result.unavailable.length
        ? ` (not swappable: ${result.unavailable.map((u) => `${u.factor}: ${u.reason}`).join('; ')})`
        : ''),
    `Planned: ${result.plan.plannedCalls} calls (${result.plan.trials} trials per arm), estimated ${usd(result.plan.estimatedCostUsd)}` +
      (result.plan.budgetUsd !== null ? `, budget $${result.plan.budgetUsd}` : ''),
  ];
  if (result.arms.length > 0) {
    lines.push(
      '',
      'arm                 failed   failure rate [95% CI]   p (Holm)   effect [95% CI]',
    );
    for (const arm of result.arms) {
      const effect = arm.effect
        ? `${pct(arm.effect.estimate)} [${pct(arm.effect.lower)}, ${pct(arm.effect.upper)}]`
        : '-';
      lines.push(
        `${arm.name.padEnd(20)}${`${arm.failures}/${arm.trials}`.padEnd(9)}${interval(arm.failureRate).padEnd(24)}${p(arm.adjustedPValue).padEnd(11)}${effect}` +
          (arm.errors ? `  (${arm.errors} provider errors)` : '') +
          (arm.stopped ? `  stopped: ${arm.stopped}` : ''),
      );
    }
    lines.push(
      '',
      `Verdict: ${result.verdict?.kind === 'factor' || result.verdict?.kind === 'pair' ? `${result.verdict.factors.join(' + ')} fixes it` : (result.verdict?.kind ?? 'none')}`,
      `  ${result.verdict?.reason ?? ''}`,
      `Ran ${result.calls} calls for ${usd(result.costUsd)} in ${(result.wallMs / 1000).toFixed(1)} s` +
        (result.stoppedByBudget ? ' (stopped by the budget)' : ''),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A replay for people: what was sent, each trial, the failure rate. */
export function formatReplay(result: ReplayResult): string {
  const lines = [
    `Replay of span ${result.spanId} (trace ${result.traceId}) on ${result.request.model}` +
      (result.overridden.length ? `, overriding ${result.overridden.join(', ')}` : ''),
    `Failure = any of: ${result.targetCategories.join(', ') || '(the trace had no findings)'}`,
    '',
  ];
  for (const t of result.trials) {
    const verdict = t.error
      ? `error ${t.error.status ?? ''} ${t.error.message}`.trim()
      : t.failed
        ? `FAILED (${t.categories.join(', ')})`
        : `ok${t.categories.length ? ` (${t.categories.join(', ')})` : ''}`;
    const output = (t.output ?? '').replace(/\s+/g, ' ').slice(0, 100);
    lines.push(
      `#${t.index + 1} ${verdict} ${Math.round(t.latencyMs)} ms${output ? `: ${output}` : ''}`,
    );
  }
  lines.push(
    '',
    `Failure rate: ${result.failures}/${result.judged} = ${interval(result.failureRate)}` +
      (result.errors ? `, ${result.errors} provider errors` : '') +
      `; cost $${result.costUsd.toFixed(4)}`,
  );
  return `${lines.join('\n')}\n`;
}
