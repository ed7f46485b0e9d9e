import { BISECTION_FACTORS, type BisectionFactor } from '@glassbox/core/replay';
import { useState, type FormEvent } from 'react';
import { api, ApiRequestError } from '../../api/api-client.js';
import { formatCost } from '../../view-model/format.js';
import type { BisectionView } from '../../view-model/replay-view.js';
import { BisectionReport, Differences } from './bisection-report.js';
import { parseAssertions } from './replay-form-state.js';
import './replay.css';

type GoodChoice = 'trace' | 'before' | 'snapshot';

type Step =
  | { status: 'idle' }
  | { status: 'planning' }
  | { status: 'planned'; plan: BisectionView }
  | { status: 'running'; plan: BisectionView }
  | { status: 'done'; result: BisectionView }
  | { status: 'error'; code: string; message: string };

/** The bisection request the form describes, or what is wrong with it. */
function requestOf(form: {
  good: GoodChoice;
  goodTraceId: string;
  trials: string;
  budget: string;
  factors: BisectionFactor[];
  evaluator: 'categories' | 'assertions';
  assertions: string;
}): { body: Parameters<typeof api.bisectTrace>[1] } | { problem: string } {
  const trials = Number(form.trials);
  if (!Number.isInteger(trials) || trials < 1)
    return { problem: `Trials '${form.trials}' must be a whole number of at least 1.` };
  const goodTraceId = form.goodTraceId.trim().toLowerCase();
  if (form.good === 'trace' && !/^[0-9a-f]{32}$/.test(goodTraceId))
    return { problem: 'The good trace id must be 32 hexadecimal characters.' };
  const budget = form.budget.trim();
  const budgetUsd = budget === '' ? undefined : Number(budget);
  if (budgetUsd !== undefined && !(Number.isFinite(budgetUsd) && budgetUsd > 0))
    return { problem: `Budget '${budget}' must be a positive amount in USD.` };
  const assertions = form.evaluator === 'assertions' ? parseAssertions(form.assertions) : [];
  if (form.evaluator === 'assertions' && assertions.length === 0)
    return {
      problem: 'Write at least one assertion, one per line: type value (icontains refund).',
    };
  return {
    body: {
      good:
        form.good === 'trace'
          ? { traceId: goodTraceId }
          : form.good === 'snapshot'
            ? { snapshot: true }
            : { before: true },
      ...(assertions.length > 0 ? { assertions } : {}),
      trials,
      ...(budgetUsd !== undefined ? { budgetUsd } : {}),
      ...(form.factors.length > 0 ? { factors: form.factors } : {}),
    },
  };
}

/**
 * Bisects this failing trace against a good reference: plans first (a dry run: the arms, the
 * planned calls and their estimated cost), then runs within the budget and shows the report.
 */
export function BisectPanel(props: { traceId: string; onDone?: () => void }) {
  const [good, setGood] = useState<GoodChoice>('before');
  const [goodTraceId, setGoodTraceId] = useState('');
  const [trials, setTrials] = useState('20');
  const [budget, setBudget] = useState('');
  const [factors, setFactors] = useState<BisectionFactor[]>([]);
  const [evaluator, setEvaluator] = useState<'categories' | 'assertions'>('categories');
  const [assertions, setAssertions] = useState('');
  const [step, setStep] = useState<Step>({ status: 'idle' });
  const form = { good, goodTraceId, trials, budget, factors, evaluator, assertions };
  const fail = (error: unknown) =>
    setStep({
      status: 'error',
      code: error instanceof ApiRequestError ? error.code : 'client',
      message: error instanceof Error ? error.message : String(error),
    });
  const send = (dryRun: boolean) => {
    const asked = requestOf(form);
    if ('problem' in asked) {
      setStep({ status: 'error', code: 'invalid_form', message: asked.problem });
      return undefined;
    }
    return api.bisectTrace(props.traceId, { ...asked.body, dryRun });
  };
  const plan = (event: FormEvent) => {
    event.preventDefault();
    const sent = send(true);
    if (!sent) return;
    setStep({ status: 'planning' });
    sent.then(
      (plan) => setStep({ status: 'planned', plan: plan as unknown as BisectionView }),
      fail,
    );
  };
  const run = () => {
    if (step.status !== 'planned') return;
    const sent = send(false);
    if (!sent) return;
    setStep({ status: 'running', plan: step.plan });
    sent.then((result) => {
      setStep({ status: 'done', result: result as unknown as BisectionView });
      props.onDone?.();
    }, fail);
  };
  // Any change to the form asks for a new plan before running.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      if (step.status === 'planned' || step.status === 'error') setStep({ status: 'idle' });
    };
  const busy = step.status === 'planning' || step.status === 'running';
  return (
    <section className="panel bisect-panel" aria-label="Bisection" data-testid="bisect-panel">
      <h2>Bisect: which factor fixes this failure?</h2>
      <form className="replay-form" onSubmit={plan}>
        <fieldset className="bisect-good">
          <legend>Known-good reference</legend>
          <label>
            <input
              type="radio"
              name="good"
              value="before"
              checked={good === 'before'}
              onChange={() => changed(setGood)('before')}
            />{' '}
            Before the incident onset: the latest healthy trace of this route before this one
          </label>
          <label>
            <input
              type="radio"
              name="good"
              value="trace"
              checked={good === 'trace'}
              onChange={() => changed(setGood)('trace')}
            />{' '}
            Another trace:{' '}
            <input
              name="good-trace-id"
              className="mono"
              size={34}
              placeholder="32-hex trace id"
              value={goodTraceId}
              onFocus={() => changed(setGood)('trace')}
              onChange={(e) => changed(setGoodTraceId)(e.target.value)}
            />
          </label>
          <label>
            <input
              type="radio"
              name="good"
              value="snapshot"
              checked={good === 'snapshot'}
              onChange={() => changed(setGood)('snapshot')}
            />{' '}
            The version snapshot this call pinned (model, sampling: glassbox.version.*)
          </label>
        </fieldset>
        <fieldset className="bisect-good">
          <legend>Evaluator: when does a trial fail?</legend>
          <label>
            <input
              type="radio"
              name="evaluator"
              value="categories"
              checked={evaluator === 'categories'}
              onChange={() => changed(setEvaluator)('categories')}
            />{' '}
            It shows one of this trace&apos;s finding categories (Glassbox classifier)
          </label>
          <label>
            <input
              type="radio"
              name="evaluator"
              value="assertions"
              checked={evaluator === 'assertions'}
              onChange={() => changed(setEvaluator)('assertions')}
            />{' '}
            It fails one of these assertions (one per line: <code>icontains refund</code>,{' '}
            <code>regex \[\w+#\d+\]</code>, <code>is-json</code>, <code>glassbox:grounded</code>;
            each also with <code>not-</code>)
          </label>
          {evaluator === 'assertions' ? (
            <textarea
              name="assertions"
              rows={3}
              className="mono"
              value={assertions}
              onChange={(e) => changed(setAssertions)(e.target.value)}
            />
          ) : null}
        </fieldset>
        <div className="replay-fields">
          <label className="field">
            Trials per arm
            <input
              name="trials"
              inputMode="numeric"
              value={trials}
              onChange={(e) => changed(setTrials)(e.target.value)}
            />
          </label>
          <label className="field">
            Budget (USD, optional)
            <input
              name="budget"
              inputMode="decimal"
              placeholder="no cap"
              value={budget}
              onChange={(e) => changed(setBudget)(e.target.value)}
            />
          </label>
          <fieldset className="bisect-factors">
            <legend>Factors (none ticked: every factor that differs)</legend>
            {BISECTION_FACTORS.map((factor) => (
              <label key={factor}>
                <input
                  type="checkbox"
                  name={`factor-${factor}`}
                  checked={factors.includes(factor)}
                  onChange={(e) =>
                    changed(setFactors)(
                      e.target.checked ? [...factors, factor] : factors.filter((f) => f !== factor),
                    )
                  }
                />{' '}
                {factor}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="replay-actions">
          <button type="submit" disabled={busy}>
            {step.status === 'planning' ? 'Planning…' : 'Plan (dry run)'}
          </button>
          <button
            type="button"
            className="primary"
            disabled={step.status !== 'planned'}
            onClick={run}
            data-testid="run-bisection"
          >
            {step.status === 'running'
              ? `Running ${step.plan.plan.plannedCalls} calls…`
              : 'Run bisection'}
          </button>
        </div>
      </form>
      {step.status === 'error' ? (
        <p className="error-line" role="alert" data-testid="bisect-error" data-code={step.code}>
          <code>{step.code}</code> {step.message}
        </p>
      ) : null}
      {step.status === 'planned' || step.status === 'running' ? (
        <PlanSummary plan={step.plan} />
      ) : null}
      {step.status === 'done' ? <BisectionReport result={step.result} /> : null}
    </section>
  );
}

/** What a run would do: arms, planned calls, estimated cost against the budget. */
function PlanSummary(props: { plan: BisectionView }) {
  const { plan } = props.plan;
  const overBudget =
    plan.budgetUsd !== null &&
    plan.estimatedCostUsd !== null &&
    plan.estimatedCostUsd > plan.budgetUsd;
  return (
    <div className="bisect-plan" data-testid="bisect-plan">
      <p>
        <strong data-testid="planned-calls">{plan.plannedCalls} planned calls</strong> (
        {plan.trials} trials × {plan.plannedCalls / Math.max(1, plan.trials)} arms
        {plan.pairArms.length > 0
          ? `; ${plan.pairArms.length} pair arms more if no single factor fixes it`
          : ''}
        ), estimated{' '}
        <strong data-testid="estimated-cost">
          {plan.estimatedCostUsd === null ? 'unknown' : formatCost(plan.estimatedCostUsd)}
        </strong>
        {plan.unpricedModels.length > 0 ? ` (no price for ${plan.unpricedModels.join(', ')})` : ''}
        {plan.budgetUsd !== null ? `, budget ${formatCost(plan.budgetUsd)}` : ''}.
      </p>
      {overBudget ? (
        <p className="note" role="note">
          The estimate is above the budget: the run stops at the cap and reports the arms it
          finished.
        </p>
      ) : null}
      <Differences result={props.plan} />
    </div>
  );
}
