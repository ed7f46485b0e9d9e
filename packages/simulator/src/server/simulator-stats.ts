/** One request as the simulator saw it, with the ground truth of what it injected. */
export interface RequestRecord {
  requestId: string;
  route: string;
  model: string | null;
  status: number;
  rules: string[];
  groundTruth: string[];
  idempotencyKey: string | null;
  startedAt: string;
}

/** Counters exposed at `GET /admin/stats`. */
export interface SimulatorStats {
  requests: {
    total: number;
    byRoute: Record<string, number>;
    byStatus: Record<string, number>;
    byModel: Record<string, number>;
  };
  /** Requests whose work (the side effect) happened, whether or not the client saw the answer. */
  processed: {
    total: number;
    byRoute: Record<string, number>;
    byTool: Record<string, number>;
    byIdempotencyKey: Record<string, number>;
  };
  /** Tool calls the simulated model asked for, by tool name. */
  toolCallsIssued: Record<string, number>;
  /** How often each behaviour was injected (rate-limit, hallucination, hang, ...). */
  injected: Record<string, number>;
  tokens: { prompt: number; completion: number; cached: number };
  recent: RequestRecord[];
}

const RECENT_LIMIT = 200;

export function emptyStats(): SimulatorStats {
  return {
    requests: { total: 0, byRoute: {}, byStatus: {}, byModel: {} },
    processed: { total: 0, byRoute: {}, byTool: {}, byIdempotencyKey: {} },
    toolCallsIssued: {},
    injected: {},
    tokens: { prompt: 0, completion: 0, cached: 0 },
    recent: [],
  };
}

export function bump(counter: Record<string, number>, key: string, by = 1): void {
  counter[key] = (counter[key] ?? 0) + by;
}

/** Records a finished request (status known) in the counters and the recent log. */
export function recordRequest(stats: SimulatorStats, record: RequestRecord): void {
  stats.requests.total++;
  bump(stats.requests.byRoute, record.route);
  bump(stats.requests.byStatus, String(record.status));
  if (record.model) bump(stats.requests.byModel, record.model);
  for (const truth of record.groundTruth) bump(stats.injected, truth);
  stats.recent.push(record);
  if (stats.recent.length > RECENT_LIMIT)
    stats.recent.splice(0, stats.recent.length - RECENT_LIMIT);
}

/** Counts the side effect of a request: it was processed, even if the answer never arrives. */
export function recordProcessed(
  stats: SimulatorStats,
  route: string,
  tool: string | null,
  idempotencyKey: string | null,
): void {
  stats.processed.total++;
  bump(stats.processed.byRoute, route);
  if (tool) bump(stats.processed.byTool, tool);
  if (idempotencyKey) bump(stats.processed.byIdempotencyKey, idempotencyKey);
}
