import { API_ROUTES, OTLP_MEDIA_TYPES } from '@glassbox/core/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import type { IngestPipeline, IngestResult } from '../services/ingest/ingest-pipeline.js';
import { decodeExportRequest } from '../otlp/decode-export-request.js';
import {
  encodeExportResponse,
  encodeRpcStatus,
  type OtlpSignal,
} from '../otlp/encode-otlp-response.js';
import { formatRejections, formatTruncations } from '../otlp/format-rejections.js';
import { otlpEncodingOf, type OtlpEncoding } from '../otlp/otlp-encoding.js';
import { otlpTypes } from '../otlp/otlp-proto-schema.js';
import { readBody } from '../otlp/read-body.js';
import { toOtlpLogRecords } from '../otlp/to-otlp-log-records.js';
import type { ProjectResolver } from './auth/project-resolver.js';
import { projectHook, projectIdOf } from './auth/project-hook.js';
import { contractRoute } from './contract-route.js';
import type { ErrorRenderer } from './error-handler.js';

export interface OtlpRoutesOptions {
  pipeline: IngestPipeline;
  resolver: ProjectResolver;
  maxBodyBytes: number;
  /** The attribute size limit the pipeline applies, named in truncation warnings. */
  maxAttributeBytes: number;
}

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

/** OTLP errors are google.rpc.Status bodies, in the request's encoding (JSON if unknown). */
const rpcStatusBody: ErrorRenderer = (error, request) => {
  const encoding = otlpEncodingOf(request.headers['content-type']) ?? 'json';
  const rpcCode = RPC_CODES[error.statusCode] ?? 13;
  return {
    type: OTLP_MEDIA_TYPES[encoding],
    body: encodeRpcStatus(encoding, rpcCode, error.message),
  };
};

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
  maxAttributeBytes: number,
) {
  const noun = signal === 'traces' ? 'span' : 'log record';
  // OTLP lets a server warn with rejected = 0 and a message: truncation is such a warning.
  const messages = [
    result.rejected.length > 0 ? formatRejections(result.rejected, noun) : '',
    result.truncated.length > 0 ? formatTruncations(result.truncated, noun, maxAttributeBytes) : '',
  ].filter((message) => message !== '');
  const partial =
    messages.length > 0
      ? { rejected: result.rejected.length, errorMessage: messages.join(' | ') }
      : undefined;
  return reply
    .code(200)
    .type(OTLP_MEDIA_TYPES[encoding])
    .send(encodeExportResponse(signal, encoding, partial));
}

/**
 * The OTLP/HTTP receiver: POST /v1/traces and /v1/logs in protobuf or JSON, optionally
 * gzip/deflate compressed, answered in the request's encoding once the data is committed.
 * Errors are google.rpc.Status bodies, with Retry-After on the retryable ones.
 */
export async function otlpRoutes(app: FastifyInstance, options: OtlpRoutesOptions): Promise<void> {
  const { pipeline, resolver, maxBodyBytes, maxAttributeBytes } = options;

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

  const onRequest = projectHook(resolver, 'ingest');
  const bodyOf = (request: FastifyRequest) =>
    Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

  const routeOptions = { onRequest, bodyLimit: maxBodyBytes, renderError: rpcStatusBody };

  contractRoute(
    app,
    API_ROUTES.exportTraces,
    async (request, reply) => {
      const encoding = encodingOf(request);
      const result = await pipeline.ingestTraceBody(
        projectIdOf(request),
        encoding,
        bodyOf(request),
      );
      return sendResult(reply, 'traces', encoding, result, maxAttributeBytes);
    },
    routeOptions,
  );

  contractRoute(
    app,
    API_ROUTES.exportLogs,
    async (request, reply) => {
      const encoding = encodingOf(request);
      const message = decodeExportRequest(otlpTypes.exportLogsRequest, encoding, bodyOf(request));
      const result = await pipeline.ingestLogs(projectIdOf(request), toOtlpLogRecords(message));
      return sendResult(reply, 'logs', encoding, result, maxAttributeBytes);
    },
    routeOptions,
  );
}
