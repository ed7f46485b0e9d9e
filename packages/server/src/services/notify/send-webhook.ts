/** How a webhook is retried. */
export interface RetryPolicy {
  /** Attempts in all, default 5. */
  attempts: number;
  /** First back-off, default 500 ms; doubles each retry up to `maxDelayMs` (30 s). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt timeout, default 10 s. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
};

export interface WebhookResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

export interface WebhookDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * POSTs JSON to a webhook, retrying network errors, timeouts, 408, 429 and 5xx with
 * exponential back-off and full jitter (delay uniform in [0, min(max, base·2^n)]), at
 * most `attempts` times; other 4xx fail at once. Never throws: the result says what happened.
 *
 * @example
 * const r = await sendWebhook('https://hooks.slack.com/services/...', slackPayload('opened', alert));
 * if (!r.ok) log.warn(r.error);
 */
export async function sendWebhook(
  url: string,
  body: unknown,
  policy: Partial<RetryPolicy> = {},
  deps: WebhookDeps = {},
): Promise<WebhookResult> {
  const p = { ...DEFAULT_RETRY, ...policy };
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  let last: WebhookResult = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= p.attempts; attempt++) {
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'glassbox-detection' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(p.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = {
        ok: false,
        attempts: attempt,
        status: response.status,
        error: `HTTP ${response.status}`,
      };
      if (!retryable(response.status)) return last;
    } catch (error) {
      last = {
        ok: false,
        attempts: attempt,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    if (attempt < p.attempts)
      await sleep(random() * Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1)));
  }
  return last;
}
