import {
  findFailures,
  resolveThresholds,
  type ClassifierThresholds,
} from '@glassbox/core/classify';
import type { TraceClassifier } from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import { makeSpan } from './span-factory.js';

/** Classifies with every finding, all projects on the same thresholds (defaults + overrides). */
export function classifier(overrides: Partial<ClassifierThresholds> = {}): TraceClassifier {
  const thresholds = resolveThresholds(overrides);
  return {
    session: { kinds: ['tool'], limit: 200 },
    classify: ({ spans, sessionSpans }) => findFailures(spans, thresholds, sessionSpans),
  };
}

/** A chat model call that answered; a finish reason or empty output makes it a failure. */
export const llm = (fields: Partial<Span>): Span =>
  makeSpan({
    kind: 'llm',
    requestModel: 'gpt-4o',
    output: 'Here is the answer.',
    status: 'ok',
    ...fields,
  });

/** A tool call of `name` with `args` that succeeded. */
export const tool = (name: string, args: string, fields: Partial<Span> = {}): Span =>
  makeSpan({
    kind: 'tool',
    name,
    status: 'ok',
    tool: { name, arguments: args, result: '{"ok":true}' },
    ...fields,
  });
