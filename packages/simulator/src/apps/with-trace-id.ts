/** A failure of a scenario app, carrying the trace it happened in. */
export class AppRunError extends Error {
  override readonly name = 'AppRunError';
  readonly code = 'app_run_failed';
  constructor(
    readonly traceId: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * Runs `work` and adds `traceId` to its result; a failure is rethrown as an AppRunError
 * naming the trace, so traffic generators can still point at failed traces.
 *
 * @example await withTraceId(span.spanContext().traceId, () => agent.run(request))
 */
export async function withTraceId<T extends object>(
  traceId: string,
  work: () => Promise<T>,
): Promise<T & { traceId: string }> {
  try {
    return { ...(await work()), traceId };
  } catch (error) {
    throw new AppRunError(traceId, error);
  }
}
