/** Stable codes of everything the SDK reports through its error handler. */
export const SDK_ERROR_CODES = {
  invalidConfig: 'invalid_config',
  spansDropped: 'spans_dropped',
  exportFailed: 'export_failed',
  redactionFailed: 'redaction_failed',
  instrumentationFailed: 'instrumentation_failed',
  shutdownTimeout: 'shutdown_timeout',
  /** The prompt registry could not answer; a cached or fallback version was served. */
  registryUnavailable: 'registry_unavailable',
} as const;
export type SdkErrorCode = (typeof SDK_ERROR_CODES)[keyof typeof SDK_ERROR_CODES];

/**
 * A problem inside the SDK. It is never thrown into the application: it goes to the
 * `onError` handler given to `init`.
 */
export class GlassboxSdkError extends Error {
  override readonly name = 'GlassboxSdkError';
  readonly code: SdkErrorCode;
  /** How many spans the problem cost, when it cost any. */
  readonly spanCount: number;

  constructor(
    code: SdkErrorCode,
    message: string,
    options: { spanCount?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.spanCount = options.spanCount ?? 0;
  }
}
