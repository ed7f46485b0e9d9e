import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { projectHook, projectIdOf } from '../auth/project-hook.js';
import type { ProjectResolver } from '../auth/project-resolver.js';
import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import type { IngestPipeline, IngestResult } from '../ingest/ingest-pipeline.js';
import { decodeExportRequest } from './decode-export-request.js';
import { decodeTraceProtobuf } from './decode-trace-protobuf.js';
import { encodeExportResponse, encodeRpcStatus, type OtlpSignal } from './encode-otlp-response.js';
import { formatRejections } from './format-rejections.js';
import { otlpEncodingOf, type OtlpEncoding } from './otlp-encoding.js';
import { otlpTypes } from './otlp-proto-schema.js';
import { readBody } from './read-body.js';
import { toOtlpLogRecords } from './to-otlp-log-records.js';
import { toOtlpSpans } from './to-otlp-spans.js';

export interface OtlpRoutesOptions {
  pipeline: IngestPipeline;
  resolver: ProjectResolver;
  maxBodyBytes: number;
}

const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** google.rpc.Code for each HTTP status the receiver answers with. */
const RPC_CODES: Record<number, number> = {
  400: 3,
  401: 16,
  404: 5,
  413: 8,
  415: 3,
  429: 8,
  503: 14,
};

/** OpenAPI description only: bodies are binary or OTLP/JSON, decoded by hand, not validated. */
function docs(signal: OtlpSignal) {
  const message = signal === 'traces' ? 'ExportTraceServiceRequest' : 'ExportLogsServiceRequest';
  return {
    summary: `OTLP/HTTP ${signal} receiver`,
    description:
      `Accepts an ${message} as application/x-protobuf or application/json (OTLP/JSON), ` +
      'optionally gzip or deflate encoded; answers in the same encoding once committed. ' +
      'Errors are google.rpc.Status bodies; 429 and 503 carry Retry-After.' +
      (signal === 'logs'
        ? ' Only gen_ai.* event records tied to a span are stored, as events on that span.'
        : ''),
    tags: ['otlp'],
    consumes: Object.values(CONTENT_TYPES),
  };
}

function encodingOf(request: FastifyRequest): OtlpEncoding {
  const encoding = otlpEncodingOf(request.headers['content-type']);
  if (!encoding) {
    throw new ApiError(
      'unsupported_media_type',
      `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')} is not supported: use application/x-protobuf or application/json`,
    );
  }
  return encoding;
}

function sendResult(
  reply: FastifyReply,
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  result: IngestResult,
) {
  const noun = signal === 'traces' ? 'span' : 'log record';
  const partial =
    result.rejected.length > 0
      ? { rejected: result.rejected.length, errorMessage: formatRejections(result.rejected, noun) }
      : undefined;
  return reply
    .code(200)
    .type(CONTENT_TYPES[encoding])
    .send(encodeExportResponse(signal, encoding, partial));
}

/**
 * The OTLP/HTTP receiver: POST /v1/traces and /v1/logs in protobuf or JSON, optionally
 * gzip/deflate compressed, answered in the request's encoding once the data is committed.
 * Errors are google.rpc.Status bodies, with Retry-After on the retryable ones.
 */
export async function otlpRoutes(app: FastifyInstance, options: OtlpRoutesOptions): Promise<void> {
  const { pipeline, resolver, maxBodyBytes } = options;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => {
    try {
      encodingOf(request);
    } catch (error) {
      payload.resume();
      done(error as Error, undefined);
      return;
    }
    readBody(payload, request.headers['content-encoding'], maxBodyBytes).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    );
  });

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.code === 'internal') request.log.error({ err: error }, 'OTLP request failed');
    if (apiError.code === 'storage_unavailable')
      request.log.warn({ err: error }, 'OTLP write failed');
    const encoding = otlpEncodingOf(request.headers['content-type']) ?? 'json';
    if (apiError.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(apiError.retryAfterSeconds));
    }
    const rpcCode = RPC_CODES[apiError.statusCode] ?? 13;
    return reply
      .code(apiError.statusCode)
      .type(CONTENT_TYPES[encoding])
      .send(encodeRpcStatus(encoding, rpcCode, apiError.message));
  });

  const onRequest = projectHook(resolver);
  const bodyOf = (request: FastifyRequest) =>
    Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

  app.post(
    '/v1/traces',
    { onRequest, bodyLimit: maxBodyBytes, schema: docs('traces') },
    async (request, reply) => {
      const encoding = encodingOf(request);
      const spans =
        encoding === 'protobuf'
          ? decodeTraceProtobuf(bodyOf(request))
          : toOtlpSpans(
              decodeExportRequest(otlpTypes.exportTraceRequest, encoding, bodyOf(request)),
            );
      const result = await pipeline.ingestSpans(projectIdOf(request), spans);
      return sendResult(reply, 'traces', encoding, result);
    },
  );

  app.post(
    '/v1/logs',
    { onRequest, bodyLimit: maxBodyBytes, schema: docs('logs') },
    async (request, reply) => {
      const encoding = encodingOf(request);
      const message = decodeExportRequest(otlpTypes.exportLogsRequest, encoding, bodyOf(request));
      const result = await pipeline.ingestLogs(projectIdOf(request), toOtlpLogRecords(message));
      return sendResult(reply, 'logs', encoding, result);
    },
  );
}
