import type { Span } from '@glassbox/core/model';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/states.js';
import { KeyValues } from '../../components/text-block.js';
import {
  attributesView,
  formatBytes,
  truncationNotes,
  type LargeValue,
} from '../../view-model/attribute-view.js';
import { formatCost, formatDuration, formatTokens } from '../../view-model/format.js';

/** Model, sampling parameters, token and cost breakdown, timing. */
export function ParametersTab(props: { span: Span }) {
  const { span } = props;
  const p = span.parameters;
  const u = span.usage;
  return (
    <div data-testid="parameters-tab" className="columns">
      <section>
        <h3>Model</h3>
        <KeyValues
          entries={[
            ['Provider', span.provider],
            ['Requested model', span.requestModel],
            ['Response model', span.responseModel],
            ['Temperature', p.temperature],
            ['Top p', p.topP],
            ['Top k', p.topK],
            ['Max tokens', p.maxTokens],
            ['Seed', p.seed],
            ['Stop', p.stop?.join(', ')],
            ['Stream', p.stream === undefined ? undefined : String(p.stream)],
            ['Finish reason', span.finishReason],
          ]}
        />
      </section>
      <section>
        <h3>Tokens and cost</h3>
        <KeyValues
          testId="usage"
          entries={[
            ['Input tokens', u.input === undefined ? undefined : formatTokens(u.input)],
            ['Cached input tokens', u.cached === undefined ? undefined : formatTokens(u.cached)],
            ['Output tokens', u.output === undefined ? undefined : formatTokens(u.output)],
            ['Total tokens', u.total === undefined ? undefined : formatTokens(u.total)],
            ['Cost', span.costUsd === undefined ? undefined : formatCost(span.costUsd)],
            ['Duration', formatDuration(span.durationMs)],
            [
              'Time to first token',
              span.timeToFirstTokenMs === undefined
                ? undefined
                : formatDuration(span.timeToFirstTokenMs),
            ],
          ]}
        />
      </section>
      <section>
        <h3>Context</h3>
        <KeyValues
          entries={[
            ['Span id', span.spanId],
            ['Parent', span.parentSpanId],
            ['Service', span.serviceName],
            ['Agent', span.agentName],
            ['Session', span.sessionId],
            ['User', span.userId],
            ['Tags', span.tags.join(', ')],
            ...Object.entries(span.metadata).map(([k, v]): [string, string] => [
              `metadata.${k}`,
              v,
            ]),
          ]}
        />
      </section>
    </div>
  );
}

/** The version snapshot: agent, prompt, model, tools, index, dataset and the app's own. */
export function VersionsTab(props: { span: Span }) {
  const entries = Object.entries(props.span.versions);
  if (entries.length === 0) {
    return (
      <EmptyState title="No version snapshot">
        <p>
          Record versions with <code>glassbox.version.&lt;artifact&gt;</code> attributes (agent,
          prompt, model, tools, index, dataset) to compare behaviour across releases.
        </p>
      </EmptyState>
    );
  }
  return (
    <div data-testid="versions-tab">
      <KeyValues entries={entries} />
    </div>
  );
}

/**
 * Every attribute exactly as received, plus resource, scope and events. Long values are
 * previewed and rendered whole only on request; values the server cut say how large they were.
 */
export function AttributesTab(props: { span: Span }) {
  const { span } = props;
  const { json, large } = useMemo(
    () =>
      attributesView({
        attributes: span.attributes,
        resource: span.resource,
        scope: span.scope,
        ...(span.events.length > 0 ? { events: span.events } : {}),
        startTimeUnixNano: span.startTimeUnixNano,
        endTimeUnixNano: span.endTimeUnixNano,
      }),
    [span],
  );
  const truncated = truncationNotes(span.attributes);
  return (
    <div data-testid="attributes-tab">
      {truncated.length > 0 && (
        <ul className="note truncated-list" data-testid="truncated-attributes">
          {truncated.map((note) => (
            <li key={note.where}>
              <code>{note.where}</code> truncated: {formatBytes(note.originalBytes)} original
              (stored up to the server&apos;s attribute size limit)
            </li>
          ))}
        </ul>
      )}
      <pre className="text-block">{json}</pre>
      {large.length > 0 && (
        <section>
          <h3>Large values</h3>
          {large.map((value) => (
            <LargeValueBlock key={value.path} value={value} />
          ))}
        </section>
      )}
    </div>
  );
}

function LargeValueBlock(props: { value: LargeValue }) {
  const [open, setOpen] = useState(false);
  const { path, text } = props.value;
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <code>{path}</code> ({formatBytes(text.length)})
      </summary>
      {open && <pre className="text-block">{text}</pre>}
    </details>
  );
}
