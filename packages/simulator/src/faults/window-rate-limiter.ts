/**
 * A sliding-window request counter per key: `tryAcquire` admits a request or says how many
 * milliseconds until the oldest one leaves the window.
 */
export class WindowRateLimiter {
  private readonly hits = new Map<string, number[]>();

  tryAcquire(
    key: string,
    limit: number,
    windowMs: number,
    now = Date.now(),
  ): { ok: true; remaining: number } | { ok: false; retryAfterMs: number } {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return { ok: false, retryAfterMs: recent[0]! + windowMs - now };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { ok: true, remaining: limit - recent.length };
  }

  clear(): void {
    this.hits.clear();
  }
}
