import type { Span } from '../model/span.js';
import { contextWindowFor } from './context-windows.js';
import { makeFinding, type Finding } from './failure-categories.js';
import type { ClassifierThresholds } from './thresholds.js';
import {
  callStatus,
  clip,
  errorText,
  estimateTokens,
  metadataValue,
  parseNumber,
} from './span-text.js';

const OVERFLOW =
  /context_length_exceeded|maximum context length|context length|prompt is too long|too many tokens|context window|reduce the length|input is too long/;

/** Beyond this share, the gap between the estimate and the reported count is not estimation error. */
const ESTIMATE_ERROR = 0.25;
/** Context sizes runtimes clip to (Ollama's num_ctx): a reported count equal to one is a tell. */
const CONTEXT_SIZES = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768]);

/** Context overflow, silent truncation and a nearly full context window on an LLM span. */
export function inputFindings(span: Span, t: ClassifierThresholds): Finding[] {
  if (span.kind !== 'llm') return [];
  const failed = span.status === 'error' || (callStatus(span) ?? 'success') !== 'success';
  if (
    callStatus(span) === 'context_length_exceeded' ||
    (failed && OVERFLOW.test(errorText(span).toLowerCase()))
  ) {
    return [
      makeFinding(
        'context_length_exceeded',
        [span.spanId],
        `${span.name}: the input exceeded the model's context`,
        {
          error: clip(errorText(span)),
          model: span.requestModel ?? null,
          estimatedInputTokens: estimateSent(span),
        },
      ),
    ];
  }
  if (failed) return [];
  const out: Finding[] = [];
  const truncation = truncationFinding(span, t);
  if (truncation) out.push(truncation);
  const budget = budgetFinding(span, t);
  if (budget) out.push(budget);
  return out;
}

function estimateSent(span: Span): number {
  return span.inputMessages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
}

function truncationFinding(span: Span, t: ClassifierThresholds): Finding | undefined {
  const sent = estimateSent(span);
  const input = span.usage.input;
  if (input === undefined || input <= 0 || sent < t.truncationMinTokens) return undefined;
  const reported =
    input + (span.usage.cached !== undefined && span.usage.cached > input ? span.usage.cached : 0);
  const ratio = reported / sent;
  const systemTokens = span.inputMessages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
  const deficit = sent - reported;
  const systemDropped =
    systemTokens >= 20 &&
    ratio < 0.8 &&
    deficit >= systemTokens &&
    deficit >= ESTIMATE_ERROR * sent;
  const clippedToWindow = CONTEXT_SIZES.has(reported) && sent > reported * (1 + ESTIMATE_ERROR);
  if (ratio >= t.truncationRatio && !systemDropped && !clippedToWindow) return undefined;
  const message = systemDropped
    ? `${span.name}: the provider counted ${reported} input tokens of about ${sent} sent; the system prompt (about ${systemTokens}) was likely dropped`
    : `${span.name}: the provider counted ${reported} input tokens of about ${sent} sent`;
  return makeFinding('silent_truncation_suspected', [span.spanId], message, {
    reportedInputTokens: reported,
    estimatedSentTokens: sent,
    ratio: Math.round(ratio * 1000) / 1000,
    threshold: t.truncationRatio,
    systemPromptTokens: systemTokens,
    systemPromptLikelyDropped: systemDropped,
    countEqualsContextSize: clippedToWindow,
  });
}

function budgetFinding(span: Span, t: ClassifierThresholds): Finding | undefined {
  const model = span.responseModel ?? span.requestModel;
  const window =
    parseNumber(metadataValue(span, 'context_window')) ?? contextWindowFor(model, t.contextWindows);
  if (!window) return undefined;
  const used = (span.usage.input ?? estimateSent(span)) + (span.usage.output ?? 0);
  const share = used / window;
  if (share <= t.contextBudgetShare) return undefined;
  return makeFinding(
    'context_budget_exhausted',
    [span.spanId],
    `${span.name}: ${Math.round(share * 100)}% of ${model ?? 'the model'}'s ${window}-token context used`,
    {
      usedTokens: used,
      contextWindow: window,
      share: Math.round(share * 1000) / 1000,
      threshold: t.contextBudgetShare,
      model: model ?? null,
    },
  );
}
