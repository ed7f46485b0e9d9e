/** One row per span; complex fields are JSON text. Keyed by (project_id, trace_id, span_id). */
export interface SpansTable {
  project_id: string;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: string;
  start_ms: number;
  duration_ms: number;
  start_ns: string;
  end_ns: string;
  status: string;
  status_message: string | null;
  service_name: string | null;
  request_model: string | null;
  response_model: string | null;
  provider: string | null;
  parameters: string;
  input_messages: string;
  output_messages: string;
  input: string | null;
  output: string | null;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  total_tokens: number | null;
  cost_usd: number | null;
  ttft_ms: number | null;
  tool: string | null;
  tool_definitions: string;
  retrieval_query: string | null;
  documents: string;
  session_id: string | null;
  user_id: string | null;
  prompt: string | null;
  agent_name: string | null;
  tags: string;
  metadata: string;
  versions: string;
  resource: string;
  scope: string;
  attributes: string;
  events: string;
}

/**
 * One row per trace: its summary, recomputed from its spans on every write that touches it,
 * plus delimited facet columns (`f_*`) that the list filters match against.
 */
export interface TracesTable {
  project_id: string;
  trace_id: string;
  root_span_id: string | null;
  root_name: string | null;
  start_ms: number;
  end_ms: number;
  duration_ms: number;
  status: string;
  session_id: string | null;
  user_id: string | null;
  tags: string;
  models: string;
  versions: string;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  total_tokens: number;
  cost_usd: number;
  span_count: number;
  error_count: number;
  f_models: string;
  f_providers: string;
  f_kinds: string;
  f_tags: string;
  f_versions: string;
  f_categories: string;
  f_layers: string;
}

/** One finding of the classifier; a trace's rows are replaced whenever it is written. */
export interface FindingsTable {
  project_id: string;
  trace_id: string;
  /** Position in the classifier's output, so findings read back in the order given. */
  ordinal: number;
  /** The trace's start, so failures bucket by time without a join. */
  trace_start_ms: number;
  /** The most telling span (the first of span_ids), or null when there is none. */
  span_id: string | null;
  span_ids: string;
  category: string;
  layer: string;
  severity: string;
  message: string;
  evidence: string;
  remediation: string;
}

/** Per-project settings; thresholds are the classifier overrides as JSON. */
export interface ProjectSettingsTable {
  project_id: string;
  thresholds: string;
  updated_at_ms: number;
}

/** The wide text of a trace, apart from `traces` so list scans stay narrow. */
export interface TraceTextsTable {
  project_id: string;
  trace_id: string;
  input: string | null;
  output: string | null;
}

/** The lowercase search texts of a trace, alone so a free-text scan reads nothing else. */
export interface TraceSearchTable {
  project_id: string;
  trace_id: string;
  /** Every span's input, output and messages. */
  search_text: string;
  /** The trace's question and answer alone, for scoped search. */
  input_text: string;
  output_text: string;
}

export interface ProjectsTable {
  id: string;
  name: string;
  created_at_ms: number;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  key_hash: string;
  prefix: string;
  created_at_ms: number;
  /** Comma-separated scopes: `ingest,read,admin`. */
  scopes: string;
  expires_at_ms: number | null;
  last_used_at_ms: number | null;
  revoked_at_ms: number | null;
}

/** Who changed what: before and after are JSON text. */
export interface AuditLogTable {
  id: string;
  project_id: string;
  at_ms: number;
  actor: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
}

export interface ProjectRetentionTable {
  project_id: string;
  trace_days: number | null;
  content_days: number | null;
  content_cleared_before_ms: number;
  updated_at_ms: number;
}

/**
 * GenAI span events whose span is not stored yet, one row per span: `events` is the JSON
 * array of OTLP events in arrival order, `received_at_ms` when the first was committed.
 */
export interface PendingSpanEventsTable {
  project_id: string;
  trace_id: string;
  span_id: string;
  events: string;
  received_at_ms: number;
}

export interface GlassboxDatabase {
  pending_span_events: PendingSpanEventsTable;
  spans: SpansTable;
  traces: TracesTable;
  trace_texts: TraceTextsTable;
  trace_search: TraceSearchTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  findings: FindingsTable;
  project_settings: ProjectSettingsTable;
  audit_log: AuditLogTable;
  project_retention: ProjectRetentionTable;
  health_probe: { name: string; at_ms: number };
}
