/**
 * Attribute keys of Glassbox's own convention, for what the public conventions lack. Our SDK
 * emits them next to the standard OTel GenAI / OpenInference keys; normalization reads them.
 */
export const GLASSBOX_ATTRIBUTES = {
  /** string[]: free-form labels on a span, propagated to its children by the SDK. */
  tags: 'glassbox.tags',
  /** `glassbox.metadata.<key>` = string: application metadata (tenant, route, risk, ...). */
  metadataPrefix: 'glassbox.metadata.',
  /**
   * `glassbox.version.<artifact>` = string: the version snapshot. Well-known artifacts:
   * agent, prompt, model, tools, index, dataset; applications may add their own.
   */
  versionPrefix: 'glassbox.version.',
  /** string: idempotency key of a side-effecting tool call. */
  toolIdempotencyKey: 'glassbox.tool.idempotency_key',
  /** boolean: the tool call has side effects (booking, payment, email). */
  toolSideEffect: 'glassbox.tool.side_effect',
  /** string: call outcome recorded by the SDK (success, timeout, rate_limit, ...). */
  callStatus: 'glassbox.call.status',
  /** string: SHA-256 hex of the rendered prompt. */
  promptHash: 'glassbox.prompt.hash',
  /** string: the provider's request id. */
  requestId: 'glassbox.request.id',
  /** string: the prompt version (next to gen_ai.prompt.name). */
  promptVersion: 'glassbox.prompt.version',
  /**
   * int: the SDK's own estimate of the prompt tokens it sent (characters / 4 heuristic), so a
   * provider reporting far fewer input tokens reveals silent truncation.
   */
  tokensSent: 'glassbox.input.tokens_sent',
  /** string (JSON): the request's tool_choice, so a replay sends it again. */
  requestToolChoice: 'glassbox.request.tool_choice',
  /** string (JSON): the request's response_format (with its JSON schema), for replay. */
  requestResponseFormat: 'glassbox.request.response_format',
  /** string: why the output failed its expected format (JSON parse or schema error). */
  formatError: 'glassbox.output.format_error',
  /**
   * string: the trace a whole-run replay re-runs. Set on every span of the replayed run, which
   * detection leaves out of production metrics.
   */
  replayOfTrace: 'glassbox.replay.of_trace',
  /** string: how a replayed step ran: `recorded` (served from the original), `live`, `skipped`. */
  replayServed: 'glassbox.replay.served',
} as const;

/** Well-known artifacts of a version snapshot. */
export const VERSION_ARTIFACTS = ['agent', 'prompt', 'model', 'tools', 'index', 'dataset'] as const;
