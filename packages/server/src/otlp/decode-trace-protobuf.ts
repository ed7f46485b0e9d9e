import type { AttributeValue, Attributes, OtlpEvent, OtlpSpan } from '@glassbox/core/model';
import { OtlpDecodeError } from './otlp-decode-error.js';
import {
  ProtobufReadError,
  ProtobufReader,
  WIRE_BYTES,
  WIRE_FIXED64,
  WIRE_VARINT,
} from './protobuf-reader.js';

type Link = OtlpSpan['links'][number];

function expectWire(tag: number, wireType: number): void {
  if ((tag & 7) !== wireType) {
    throw new ProtobufReadError(
      `field ${tag >>> 3} has wire type ${tag & 7}, expected ${wireType}`,
    );
  }
}

/** AnyValue -> attribute value, with the precedence anyValueToAttribute gives its fields. */
function readAnyValue(r: ProtobufReader, end: number): AttributeValue {
  let stringValue: string | undefined;
  let boolValue: boolean | undefined;
  let intValue: number | undefined;
  let doubleValue: number | undefined;
  let arrayValue: AttributeValue[] | undefined;
  let kvlistValue: Attributes | undefined;
  let bytesValue: string | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, WIRE_BYTES);
        stringValue = r.string();
        break;
      case 2:
        expectWire(tag, WIRE_VARINT);
        boolValue = r.bool();
        break;
      case 3:
        expectWire(tag, WIRE_VARINT);
        r.varint64();
        intValue = r.signedNumber();
        break;
      case 4:
        expectWire(tag, WIRE_FIXED64);
        doubleValue = r.double();
        break;
      case 5: {
        expectWire(tag, WIRE_BYTES);
        const arrayEnd = r.delimitedEnd();
        arrayValue = [];
        while (r.pos < arrayEnd) {
          const itemTag = r.uint32();
          if (itemTag >>> 3 === 1) {
            expectWire(itemTag, WIRE_BYTES);
            arrayValue.push(readAnyValue(r, r.delimitedEnd()));
          } else r.skip(itemTag & 7);
        }
        break;
      }
      case 6:
        expectWire(tag, WIRE_BYTES);
        kvlistValue = readKeyValues(r, r.delimitedEnd(), 1);
        break;
      case 7:
        expectWire(tag, WIRE_BYTES);
        bytesValue = r.base64();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  r.pos = end;
  if (stringValue !== undefined) return stringValue;
  if (boolValue !== undefined) return boolValue;
  if (intValue !== undefined) return intValue;
  if (doubleValue !== undefined) return doubleValue;
  if (arrayValue !== undefined) return arrayValue;
  if (kvlistValue !== undefined) return kvlistValue;
  if (bytesValue !== undefined) return bytesValue;
  return null;
}

/** One KeyValue into `into` (last one of a key wins). */
function readKeyValue(r: ProtobufReader, end: number, into: Attributes): void {
  let key = '';
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      expectWire(tag, WIRE_BYTES);
      key = r.string();
    } else if (field === 2) {
      expectWire(tag, WIRE_BYTES);
      value = readAnyValue(r, r.delimitedEnd());
    } else r.skip(tag & 7);
  }
  r.pos = end;
  into[key] = value;
}

/** The repeated KeyValue field `fieldNumber` of the message ending at `end`. */
function readKeyValues(r: ProtobufReader, end: number, fieldNumber: number): Attributes {
  const attributes: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === fieldNumber) {
      expectWire(tag, WIRE_BYTES);
      readKeyValue(r, r.delimitedEnd(), attributes);
    } else r.skip(tag & 7);
  }
  r.pos = end;
  return attributes;
}

function readScope(r: ProtobufReader, end: number): OtlpSpan['scope'] {
  let name = '';
  let version = '';
  const attributes: Attributes = {};
  let hasAttributes = false;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, WIRE_BYTES);
        name = r.string();
        break;
      case 2:
        expectWire(tag, WIRE_BYTES);
        version = r.string();
        break;
      case 3:
        expectWire(tag, WIRE_BYTES);
        readKeyValue(r, r.delimitedEnd(), attributes);
        hasAttributes = true;
        break;
      default:
        r.skip(tag & 7);
    }
  }
  const scope: OtlpSpan['scope'] = { name };
  if (version) scope.version = version;
  if (hasAttributes && Object.keys(attributes).length > 0) scope.attributes = attributes;
  return scope;
}

function readEvent(r: ProtobufReader, end: number): OtlpEvent {
  let name = '';
  let timeUnixNano = '0';
  const attributes: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, WIRE_FIXED64);
        r.fixed64();
        timeUnixNano = r.unsignedDecimal();
        break;
      case 2:
        expectWire(tag, WIRE_BYTES);
        name = r.string();
        break;
      case 3:
        expectWire(tag, WIRE_BYTES);
        readKeyValue(r, r.delimitedEnd(), attributes);
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return { name, timeUnixNano, attributes };
}

function readLink(r: ProtobufReader, end: number): Link {
  let traceId = '';
  let spanId = '';
  const attributes: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, WIRE_BYTES);
        traceId = r.hex();
        break;
      case 2:
        expectWire(tag, WIRE_BYTES);
        spanId = r.hex();
        break;
      case 4:
        expectWire(tag, WIRE_BYTES);
        readKeyValue(r, r.delimitedEnd(), attributes);
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return { traceId, spanId, attributes };
}

function readStatus(r: ProtobufReader, end: number): OtlpSpan['status'] {
  const status: OtlpSpan['status'] = { code: 0 };
  let message = '';
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 2) {
      expectWire(tag, WIRE_BYTES);
      message = r.string();
    } else if (field === 3) {
      expectWire(tag, WIRE_VARINT);
      status.code = r.int32();
    } else r.skip(tag & 7);
  }
  if (message) status.message = message;
  return status;
}

function readSpan(
  r: ProtobufReader,
  end: number,
  resource: Attributes,
  scope: OtlpSpan['scope'],
): OtlpSpan {
  let traceId = '';
  let spanId = '';
  let parentSpanId = '';
  let traceState = '';
  let name = '';
  let otelKind = 0;
  let startTimeUnixNano = '0';
  let endTimeUnixNano = '0';
  const attributes: Attributes = {};
  const events: OtlpEvent[] = [];
  const links: Link[] = [];
  let status: OtlpSpan['status'] = { code: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, WIRE_BYTES);
        traceId = r.hex();
        break;
      case 2:
        expectWire(tag, WIRE_BYTES);
        spanId = r.hex();
        break;
      case 3:
        expectWire(tag, WIRE_BYTES);
        traceState = r.string();
        break;
      case 4:
        expectWire(tag, WIRE_BYTES);
        parentSpanId = r.hex();
        break;
      case 5:
        expectWire(tag, WIRE_BYTES);
        name = r.string();
        break;
      case 6:
        expectWire(tag, WIRE_VARINT);
        otelKind = r.int32();
        break;
      case 7:
        expectWire(tag, WIRE_FIXED64);
        r.fixed64();
        startTimeUnixNano = r.unsignedDecimal();
        break;
      case 8:
        expectWire(tag, WIRE_FIXED64);
        r.fixed64();
        endTimeUnixNano = r.unsignedDecimal();
        break;
      case 9:
        expectWire(tag, WIRE_BYTES);
        readKeyValue(r, r.delimitedEnd(), attributes);
        break;
      case 11:
        expectWire(tag, WIRE_BYTES);
        events.push(readEvent(r, r.delimitedEnd()));
        break;
      case 13:
        expectWire(tag, WIRE_BYTES);
        links.push(readLink(r, r.delimitedEnd()));
        break;
      case 15:
        expectWire(tag, WIRE_BYTES);
        status = readStatus(r, r.delimitedEnd());
        break;
      default:
        r.skip(tag & 7);
    }
  }
  const span: OtlpSpan = {
    resource,
    scope,
    traceId,
    spanId,
    name,
    otelKind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    events,
    links,
    status,
  };
  if (parentSpanId) span.parentSpanId = parentSpanId;
  if (traceState) span.traceState = traceState;
  return span;
}

/** Offsets [start, end) of every occurrence of a length-delimited field, in wire order. */
function fieldRanges(r: ProtobufReader, end: number, fieldNumber: number): number[] {
  const ranges: number[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === fieldNumber) {
      expectWire(tag, WIRE_BYTES);
      const fieldEnd = r.delimitedEnd();
      ranges.push(r.pos, fieldEnd);
      r.pos = fieldEnd;
    } else r.skip(tag & 7);
  }
  return ranges;
}

function readScopeSpans(r: ProtobufReader, end: number, resource: Attributes, out: OtlpSpan[]) {
  // The scope may follow the spans on the wire: find both before building spans.
  let scope: OtlpSpan['scope'] = { name: '' };
  const spans: number[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      expectWire(tag, WIRE_BYTES);
      scope = readScope(r, r.delimitedEnd());
    } else if (field === 2) {
      expectWire(tag, WIRE_BYTES);
      const spanEnd = r.delimitedEnd();
      spans.push(r.pos, spanEnd);
      r.pos = spanEnd;
    } else r.skip(tag & 7);
  }
  for (let i = 0; i < spans.length; i += 2) {
    r.pos = spans[i]!;
    out.push(readSpan(r, spans[i + 1]!, resource, scope));
  }
  r.pos = end;
}

function readResourceSpans(r: ProtobufReader, end: number, out: OtlpSpan[]): void {
  let resource: Attributes = {};
  const scopeSpans: number[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      expectWire(tag, WIRE_BYTES);
      resource = readKeyValues(r, r.delimitedEnd(), 1);
    } else if (field === 2) {
      expectWire(tag, WIRE_BYTES);
      const scopeEnd = r.delimitedEnd();
      scopeSpans.push(r.pos, scopeEnd);
      r.pos = scopeEnd;
    } else r.skip(tag & 7);
  }
  for (let i = 0; i < scopeSpans.length; i += 2) {
    r.pos = scopeSpans[i]!;
    readScopeSpans(r, scopeSpans[i + 1]!, resource, out);
  }
  r.pos = end;
}

/**
 * Decodes a protobuf ExportTraceServiceRequest straight into the receiver's OtlpSpan list:
 * the same result as `toOtlpSpans(decodeExportRequest(type, 'protobuf', body))`, without the
 * intermediate protobufjs messages, plain objects and Long values (ids are hex-sliced from
 * the body, times read as two 32-bit halves). Throws OtlpDecodeError for malformed bytes.
 *
 * @example
 * decodeTraceProtobuf(body)[0]?.traceId; // '5b8efff798038103d269b633813fc60c'
 */
export function decodeTraceProtobuf(body: Buffer): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  try {
    const r = new ProtobufReader(body);
    const ranges = fieldRanges(r, body.length, 1);
    for (let i = 0; i < ranges.length; i += 2) {
      r.pos = ranges[i]!;
      readResourceSpans(r, ranges[i + 1]!, spans);
    }
  } catch (error) {
    if (!(error instanceof ProtobufReadError || error instanceof RangeError)) throw error;
    throw new OtlpDecodeError(
      `body is not a valid protobuf ExportTraceServiceRequest: ${error.message}`,
    );
  }
  return spans;
}
