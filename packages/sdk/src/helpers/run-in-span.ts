import {
  INVALID_SPAN_CONTEXT,
  trace as otelTrace,
  type Attributes,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import { reportInternal } from '../runtime/active-sdk.js';
import { runWithContext } from '../context/context-manager.js';
import { endSpan, recordFailure, safeSetAttributes, startSpan } from './start-span.js';

const NON_RECORDING_SPAN = otelTrace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export interface RunInSpanOptions<T> {
  name: string;
  attributes: () => Attributes;
  kind?: SpanKind;
  /** Attributes taken from the traced function's result. */
  onResult?: (result: Awaited<T>) => Attributes;
  /** Attributes added when the traced function throws. */
  onError?: (error: unknown) => Attributes;
}

/**
 * Runs `fn` inside a new span: sync or async, the span ends when the work ends, exceptions are
 * recorded and rethrown unchanged, and any failure of the SDK itself leaves `fn` running
 * untraced rather than breaking it.
 */
export function runInSpan<T>(options: RunInSpanOptions<T>, fn: (span: Span) => T): T {
  let attributes: Attributes = {};
  try {
    attributes = options.attributes();
  } catch (error) {
    reportInternal(`building attributes of "${options.name}"`, error);
  }
  const started = startSpan(options.name, attributes, options.kind);
  if (!started) return fn(NON_RECORDING_SPAN);
  const { span } = started;
  const succeed = (result: Awaited<T>): void => {
    if (options.onResult) safeSetAttributes(span, () => options.onResult!(result));
    endSpan(span);
  };
  const fail = (error: unknown): void => {
    if (options.onError) safeSetAttributes(span, () => options.onError!(error));
    recordFailure(span, error);
    endSpan(span);
  };
  return runWithContext(started.context, () => {
    let result: T;
    try {
      result = fn(span);
    } catch (error) {
      fail(error);
      throw error;
    }
    if (isPromiseLike(result)) {
      return result.then(
        (value) => {
          succeed(value as Awaited<T>);
          return value;
        },
        (error: unknown) => {
          fail(error);
          throw error;
        },
      ) as T;
    }
    succeed(result as Awaited<T>);
    return result;
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
