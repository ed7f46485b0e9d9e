import {
  SpanKind,
  SpanStatusCode,
  trace as otelTrace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import { contextAttributes } from '../attributes/context-attributes.js';
import { activeContext } from '../context/context-manager.js';
import { getGlassboxValues } from '../context/glassbox-context.js';
import { activeReplay } from '../replay/active-replay.js';
import { activeSdk, reportInternal } from '../runtime/active-sdk.js';

export interface StartedSpan {
  span: Span;
  /** The context with the new span active, for running the traced work. */
  context: Context;
}

/**
 * Starts a span as a child of the active Glassbox context, carrying the context's session,
 * user, tags, metadata and version snapshot. Returns undefined (and reports) if the tracer fails.
 */
export function startSpan(
  name: string,
  attributes: Attributes,
  kind: SpanKind = SpanKind.INTERNAL,
): StartedSpan | undefined {
  try {
    const sdk = activeSdk();
    const parent = activeContext();
    const span = sdk.tracer.startSpan(
      name,
      {
        kind,
        ...(sdk.clock ? { startTime: sdk.clock() } : {}),
        attributes: {
          ...contextAttributes(getGlassboxValues(parent), sdk.versions),
          ...replayAttributes(),
          ...attributes,
        },
      },
      parent,
    );
    return { span, context: otelTrace.setSpan(parent, span) };
  } catch (error) {
    reportInternal(`starting span "${name}"`, error);
    return undefined;
  }
}

/** Every span of a whole-run replay names the trace it replays (detection leaves them out). */
function replayAttributes(): Attributes {
  const replay = activeReplay();
  return replay ? { [GLASSBOX_ATTRIBUTES.replayOfTrace]: replay.recording.traceId } : {};
}

/** Records an exception thrown by the traced code and marks the span as failed. */
export function recordFailure(span: Span, error: unknown): void {
  try {
    if (error instanceof Error) {
      span.recordException(error);
      span.setAttribute('error.type', error.constructor.name || error.name);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    } else {
      span.setAttribute('error.type', typeof error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    }
  } catch (failure) {
    reportInternal('recording an exception', failure);
  }
}

/** Ends a span, never throwing. */
export function endSpan(span: Span): void {
  try {
    span.end(activeSdk().clock?.());
  } catch (error) {
    reportInternal('ending a span', error);
  }
}

/** Sets attributes computed by `build`; a throw inside is reported, not propagated. */
export function safeSetAttributes(span: Span, build: () => Attributes): void {
  try {
    span.setAttributes(build());
  } catch (error) {
    reportInternal('building span attributes', error);
  }
}
