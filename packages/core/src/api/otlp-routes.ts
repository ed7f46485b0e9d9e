import { defineRoute } from './route-contract.js';

/** The media types an OTLP/HTTP export may be sent as, by encoding. */
export const OTLP_MEDIA_TYPES = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
} as const;

const SIGNALS = {
  traces: { message: 'ExportTraceServiceRequest', note: '' },
  logs: {
    message: 'ExportLogsServiceRequest',
    note: ' Only gen_ai.* event records tied to a span are stored, as events on that span.',
  },
} as const;

/**
 * An OTLP/HTTP receiver route. Bodies are binary or OTLP/JSON, decoded by the server's codec
 * rather than validated by a schema, so the contract documents them only.
 */
function otlpExport<const S extends keyof typeof SIGNALS>(signal: S) {
  return defineRoute({
    method: 'POST',
    path: `/v1/${signal}`,
    summary: `OTLP/HTTP ${signal} receiver`,
    description:
      `Accepts an ${SIGNALS[signal].message} as application/x-protobuf or application/json (OTLP/JSON), ` +
      'optionally gzip or deflate encoded; answers in the same encoding once committed. ' +
      'Errors are google.rpc.Status bodies; 429 and 503 carry Retry-After.' +
      SIGNALS[signal].note,
    tags: ['otlp'],
    consumes: Object.values(OTLP_MEDIA_TYPES),
    response: {},
    errors: [],
  });
}

/** POST /v1/traces: OTLP spans. */
export const exportTraces = otlpExport('traces');

/** POST /v1/logs: OTLP log records (GenAI events). */
export const exportLogs = otlpExport('logs');
