import type { Span } from '@glassbox/core/model';
import { planReplay, readRecordedCall, type ChatRequest } from '@glassbox/core/replay';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiRequestError } from '../../api/api-client.js';
import type { ReplayView } from '../../view-model/replay-view.js';
import {
  EDITABLE_PARAMETERS,
  initialFormState,
  overridesOf,
  parseAssertions,
  type ReplayFormState,
} from './replay-form-state.js';
import { ReplayResults } from './replay-results.js';
import './replay.css';

/** The recorded request of an LLM span, or why it cannot be replayed. */
export function recordedRequest(
  span: Span,
  spans: readonly Span[],
): { request: ChatRequest } | { problem: string } {
  try {
    return { request: planReplay(readRecordedCall(span, spans)).request };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The recorded answer's text, what replayed outputs are diffed against. */
export function recordedOutput(span: Span): string {
  const reply = span.outputMessages.filter((m) => m.role === 'assistant').at(-1);
  return reply?.content ?? span.output ?? '';
}

/**
 * Replays one recorded LLM call: the request as recorded, every message, the model and its
 * parameters editable, N trials judged by the classifier on the server.
 */
export function ReplayPanel(props: { span: Span; spans: readonly Span[]; onClose: () => void }) {
  const recorded = useMemo(
    () => recordedRequest(props.span, props.spans),
    [props.span, props.spans],
  );
  return (
    <div className="replay-panel" data-testid="replay-panel">
      <div className="replay-head">
        <h3>Replay this call</h3>
        <button type="button" className="ghost" onClick={props.onClose}>
          Back to details
        </button>
      </div>
      {'problem' in recorded ? (
        <p className="error-line" role="alert" data-testid="replay-problem">
          This span cannot be replayed: {recorded.problem}
        </p>
      ) : (
        <ReplayForm span={props.span} request={recorded.request} />
      )}
    </div>
  );
}

type RunState =
  | { status: 'idle' }
  | { status: 'running'; trials: number }
  | { status: 'done'; result: ReplayView }
  | { status: 'error'; code: string; message: string };

function ReplayForm(props: { span: Span; request: ChatRequest }) {
  const { request } = props;
  const [form, setForm] = useState<ReplayFormState>(() => initialFormState(request));
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [assertions, setAssertions] = useState('');
  const edit = (change: Partial<ReplayFormState>) => setForm({ ...form, ...change });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const asked = overridesOf(request, form);
    if ('problem' in asked) {
      setRun({ status: 'error', code: 'invalid_form', message: asked.problem });
      return;
    }
    setRun({ status: 'running', trials: asked.trials });
    const written = parseAssertions(assertions);
    api
      .replaySpan(props.span.traceId, props.span.spanId, {
        trials: asked.trials,
        ...(written.length > 0 ? { assertions: written } : {}),
        // The route's schema spells the same overrides with looser JSON types.
        overrides: asked.overrides as NonNullable<
          Parameters<typeof api.replaySpan>[2]['overrides']
        >,
      })
      .then(
        (result) => setRun({ status: 'done', result: result as unknown as ReplayView }),
        (error: unknown) =>
          setRun({
            status: 'error',
            code: error instanceof ApiRequestError ? error.code : 'client',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
  };
  return (
    <>
      <form className="replay-form" onSubmit={submit} aria-label="Replay overrides">
        <div className="replay-fields">
          <label className="field">
            Model
            <input
              name="model"
              value={form.model}
              onChange={(e) => edit({ model: e.target.value })}
            />
          </label>
          {EDITABLE_PARAMETERS.map((key) => (
            <label className="field" key={key}>
              {key}
              <input
                name={key}
                inputMode="decimal"
                placeholder="not sent"
                value={form.parameters[key]}
                onChange={(e) =>
                  edit({ parameters: { ...form.parameters, [key]: e.target.value } })
                }
              />
            </label>
          ))}
          <label className="field">
            Trials
            <input
              name="trials"
              inputMode="numeric"
              value={form.trials}
              onChange={(e) => edit({ trials: e.target.value })}
            />
          </label>
        </div>
        <div className="replay-messages">
          {request.messages.map((message, i) => (
            <label className="replay-message" key={i}>
              <span className={`turn-role role-${message.role}`}>
                {i} · {message.role}
                {message.tool_calls ? ` (calls ${message.tool_calls.length} tool)` : ''}
              </span>
              <textarea
                name={`message-${i}`}
                rows={Math.min(8, Math.max(2, Math.ceil((form.messages[i] ?? '').length / 90)))}
                value={form.messages[i] ?? ''}
                onChange={(e) => {
                  const messages = [...form.messages];
                  messages[i] = e.target.value;
                  edit({ messages });
                }}
              />
            </label>
          ))}
        </div>
        <label className="replay-message">
          <span>
            Assertions (optional, one per line: <code>icontains refund</code>, <code>is-json</code>,{' '}
            <code>glassbox:grounded</code>): when given, they judge the trials instead of the
            trace&apos;s finding categories
          </span>
          <textarea
            name="assertions"
            rows={2}
            value={assertions}
            onChange={(e) => setAssertions(e.target.value)}
          />
        </label>
        <div className="replay-actions">
          <button type="submit" className="primary" disabled={run.status === 'running'}>
            {run.status === 'running' ? `Running ${run.trials} trials…` : 'Run replay'}
          </button>
          <button
            type="button"
            onClick={() => setForm(initialFormState(request))}
            disabled={run.status === 'running'}
          >
            Reset to recorded
          </button>
        </div>
      </form>
      {run.status === 'error' ? (
        <p className="error-line" role="alert" data-testid="replay-error" data-code={run.code}>
          <code>{run.code}</code> {run.message}
        </p>
      ) : null}
      {run.status === 'done' ? (
        <ReplayResults result={run.result} recordedOutput={recordedOutput(props.span)} />
      ) : null}
    </>
  );
}
