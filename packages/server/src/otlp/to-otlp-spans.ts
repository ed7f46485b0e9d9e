import type { OtlpEvent, OtlpSpan } from '@glassbox/core/model';
import { keyValuesToAttributes } from './any-value.js';
import {
  enumField,
  idField,
  listField,
  messageField,
  stringField,
  timeField,
  type WireMessage,
} from './wire-fields.js';

const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

/** Resource attributes and instrumentation scope, shared by spans and log records. */
export function readScope(scopeMessage: WireMessage | undefined, path: string): OtlpSpan['scope'] {
  if (!scopeMessage) return { name: '' };
  const scope: OtlpSpan['scope'] = { name: stringField(scopeMessage, 'name', path) };
  const version = stringField(scopeMessage, 'version', path);
  if (version) scope.version = version;
  const attributes = keyValuesToAttributes(scopeMessage, 'attributes', path);
  if (Object.keys(attributes).length > 0) scope.attributes = attributes;
  return scope;
}

function readSpan(
  span: WireMessage,
  path: string,
  resource: OtlpSpan['resource'],
  scope: OtlpSpan['scope'],
): OtlpSpan {
  const events: OtlpEvent[] = listField(span, 'events', path).map((event, i) => ({
    name: stringField(event, 'name', `${path}.events[${i}]`),
    timeUnixNano: timeField(event, 'timeUnixNano', `${path}.events[${i}]`),
    attributes: keyValuesToAttributes(event, 'attributes', `${path}.events[${i}]`),
  }));
  const links = listField(span, 'links', path).map((link, i) => ({
    traceId: idField(link, 'traceId', `${path}.links[${i}]`),
    spanId: idField(link, 'spanId', `${path}.links[${i}]`),
    attributes: keyValuesToAttributes(link, 'attributes', `${path}.links[${i}]`),
  }));
  const statusMessage = messageField(span, 'status', path);
  const status: OtlpSpan['status'] = { code: 0 };
  if (statusMessage) {
    status.code = enumField(statusMessage, 'code', `${path}.status`, STATUS_CODE_NAMES);
    const message = stringField(statusMessage, 'message', `${path}.status`);
    if (message) status.message = message;
  }
  const out: OtlpSpan = {
    resource,
    scope,
    traceId: idField(span, 'traceId', path),
    spanId: idField(span, 'spanId', path),
    name: stringField(span, 'name', path),
    otelKind: enumField(span, 'kind', path, SPAN_KIND_NAMES),
    startTimeUnixNano: timeField(span, 'startTimeUnixNano', path),
    endTimeUnixNano: timeField(span, 'endTimeUnixNano', path),
    attributes: keyValuesToAttributes(span, 'attributes', path),
    events,
    links,
    status,
  };
  const parentSpanId = idField(span, 'parentSpanId', path);
  if (parentSpanId) out.parentSpanId = parentSpanId;
  const traceState = stringField(span, 'traceState', path);
  if (traceState) out.traceState = traceState;
  return out;
}

/**
 * Flattens a decoded ExportTraceServiceRequest (protobufjs object or OTLP/JSON) into spans
 * that each carry their resource and scope. Throws OtlpDecodeError naming the bad field
 * when the structure is wrong; ids and times are left for span validation to judge.
 *
 * @example
 * toOtlpSpans({ resourceSpans: [] }) // []
 */
export function toOtlpSpans(request: WireMessage): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  listField(request, 'resourceSpans', 'request').forEach((resourceSpans, r) => {
    const rPath = `resourceSpans[${r}]`;
    const resourceMessage = messageField(resourceSpans, 'resource', rPath);
    const resource = resourceMessage
      ? keyValuesToAttributes(resourceMessage, 'attributes', `${rPath}.resource`)
      : {};
    listField(resourceSpans, 'scopeSpans', rPath).forEach((scopeSpans, s) => {
      const sPath = `${rPath}.scopeSpans[${s}]`;
      const scope = readScope(messageField(scopeSpans, 'scope', sPath), `${sPath}.scope`);
      listField(scopeSpans, 'spans', sPath).forEach((span, i) => {
        spans.push(readSpan(span, `${sPath}.spans[${i}]`, resource, scope));
      });
    });
  });
  return spans;
}
