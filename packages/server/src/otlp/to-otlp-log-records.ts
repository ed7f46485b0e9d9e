import type { OtlpLogRecord } from '@glassbox/core/model';
import { anyValueToAttribute, keyValuesToAttributes } from './any-value.js';
import { readScope } from './to-otlp-spans.js';
import {
  enumField,
  idField,
  listField,
  messageField,
  stringField,
  timeField,
  type WireMessage,
} from './wire-fields.js';

const SEVERITY_NAMES = [
  'SEVERITY_NUMBER_UNSPECIFIED',
  ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((level) =>
    ['', '2', '3', '4'].map((n) => `SEVERITY_NUMBER_${level}${n}`),
  ),
];

function readLogRecord(
  record: WireMessage,
  path: string,
  resource: OtlpLogRecord['resource'],
  scope: OtlpLogRecord['scope'],
): OtlpLogRecord {
  const body = messageField(record, 'body', path);
  const out: OtlpLogRecord = {
    resource,
    scope,
    timeUnixNano: timeField(record, 'timeUnixNano', path),
    body: body ? anyValueToAttribute(body, `${path}.body`) : null,
    attributes: keyValuesToAttributes(record, 'attributes', path),
  };
  const observed = timeField(record, 'observedTimeUnixNano', path);
  if (observed !== '0') out.observedTimeUnixNano = observed;
  const severityNumber = enumField(record, 'severityNumber', path, SEVERITY_NAMES);
  if (severityNumber !== 0) out.severityNumber = severityNumber;
  const severityText = stringField(record, 'severityText', path);
  if (severityText) out.severityText = severityText;
  const eventName = stringField(record, 'eventName', path);
  if (eventName) out.eventName = eventName;
  const traceId = idField(record, 'traceId', path);
  if (traceId) out.traceId = traceId;
  const spanId = idField(record, 'spanId', path);
  if (spanId) out.spanId = spanId;
  return out;
}

/**
 * Flattens a decoded ExportLogsServiceRequest into log records carrying their resource and
 * scope. Throws OtlpDecodeError naming the bad field when the structure is wrong.
 *
 * @example
 * toOtlpLogRecords({ resourceLogs: [] }) // []
 */
export function toOtlpLogRecords(request: WireMessage): OtlpLogRecord[] {
  const records: OtlpLogRecord[] = [];
  listField(request, 'resourceLogs', 'request').forEach((resourceLogs, r) => {
    const rPath = `resourceLogs[${r}]`;
    const resourceMessage = messageField(resourceLogs, 'resource', rPath);
    const resource = resourceMessage
      ? keyValuesToAttributes(resourceMessage, 'attributes', `${rPath}.resource`)
      : {};
    listField(resourceLogs, 'scopeLogs', rPath).forEach((scopeLogs, s) => {
      const sPath = `${rPath}.scopeLogs[${s}]`;
      const { name, version } = readScope(
        messageField(scopeLogs, 'scope', sPath),
        `${sPath}.scope`,
      );
      const scope: OtlpLogRecord['scope'] = version ? { name, version } : { name };
      listField(scopeLogs, 'logRecords', sPath).forEach((record, i) => {
        records.push(readLogRecord(record, `${sPath}.logRecords[${i}]`, resource, scope));
      });
    });
  });
  return records;
}
