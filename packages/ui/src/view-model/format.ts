/**
 * Formatting for dense tables: short, unit-bearing and stable in width where possible.
 *
 * @example
 * formatDuration(1234); // '1.23 s'
 * formatTokens(15300); // '15.3k'
 * formatCost(0.00042); // '$0.00042'
 */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${trim(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000, ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) {
    const minutes = Math.floor(ms / 60_000);
    return `${minutes}m ${Math.round((ms % 60_000) / 1000)}s`;
  }
  const hours = Math.floor(ms / 3_600_000);
  return `${hours}h ${Math.round((ms % 3_600_000) / 60_000)}m`;
}

export function formatTokens(count: number | undefined): string {
  if (count === undefined || !Number.isFinite(count)) return '—';
  if (count < 1000) return String(Math.round(count));
  if (count < 1_000_000) return `${trim(count / 1000, count < 10_000 ? 2 : 1)}k`;
  return `${trim(count / 1_000_000, 2)}M`;
}

export function formatCost(usd: number | undefined): string {
  if (usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${Number(usd.toPrecision(2))}`;
  if (usd < 100) return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

/** Local date and time to the second: `2025-01-31 14:05:09`. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** How long ago `thenMs` was, relative to `nowMs`: `3 d ago`, `in 2 h` for the future. */
export function formatAge(thenMs: number, nowMs: number): string {
  const delta = nowMs - thenMs;
  const abs = Math.abs(delta);
  const units: [number, string][] = [
    [365 * 86_400_000, 'y'],
    [30 * 86_400_000, 'mo'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  const [size, label] = units.find(([unitMs]) => abs >= unitMs) ?? [1000, 's'];
  const amount = Math.floor(abs / size);
  return delta >= 0 ? `${amount} ${label} ago` : `in ${amount} ${label}`;
}

/** Shortens a hex id for display, keeping enough to recognise it. */
export function shortId(id: string, length = 8): string {
  return id.length <= length ? id : id.slice(0, length);
}

/** Long ids with the middle elided, `4bf92f…a3ce91`, for ids that share a prefix. */
export function elideId(id: string, keep = 6): string {
  return id.length <= keep * 2 + 2 ? id : `${id.slice(0, keep)}…${id.slice(-keep)}`;
}

function trim(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}
