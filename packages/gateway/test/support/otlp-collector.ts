import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OtlpSpan } from '@glassbox/core/model';

/** A span as the collector keeps it: name, attributes flattened, events. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, string | number | boolean>;
  events: { name: string; attributes: Record<string, string | number | boolean> }[];
  authorization: string | null;
  /** The span as Glassbox's receiver would hand it to normalization. */
  otlp: OtlpSpan;
}

type Value = { stringValue?: string; intValue?: string; doubleValue?: number; boolValue?: boolean };
const flat = (attrs: { key: string; value: Value }[] = []) =>
  Object.fromEntries(
    attrs.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue !== undefined
          ? Number(value.intValue)
          : (value.doubleValue ?? value.boolValue ?? '')),
    ]),
  );

/**
 * A stand-in for Glassbox's OTLP/HTTP JSON receiver that keeps what it gets, so tests can
 * read the gateway's spans.
 */
export async function startOtlpCollector(): Promise<{
  url: string;
  spans: CollectedSpan[];
  close(): Promise<void>;
}> {
  const spans: CollectedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: {
          scopeSpans: {
            spans: {
              traceId: string;
              spanId: string;
              parentSpanId?: string;
              name: string;
              kind: number;
              startTimeUnixNano: string;
              endTimeUnixNano: string;
              status: { code: number; message?: string };
              attributes: { key: string; value: Value }[];
              events: {
                name: string;
                timeUnixNano: string;
                attributes: { key: string; value: Value }[];
              }[];
            }[];
          }[];
        }[];
      };
      for (const rs of body.resourceSpans)
        for (const ss of rs.scopeSpans)
          for (const s of ss.spans)
            spans.push({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              attributes: flat(s.attributes),
              events: s.events.map((e) => ({ name: e.name, attributes: flat(e.attributes) })),
              authorization: req.headers.authorization ?? null,
              otlp: {
                resource: { 'service.name': 'glassbox-gateway' },
                scope: { name: '@glassbox/gateway' },
                traceId: s.traceId,
                spanId: s.spanId,
                ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
                name: s.name,
                otelKind: s.kind,
                startTimeUnixNano: s.startTimeUnixNano,
                endTimeUnixNano: s.endTimeUnixNano,
                attributes: flat(s.attributes),
                events: s.events.map((e) => ({
                  name: e.name,
                  timeUnixNano: e.timeUnixNano,
                  attributes: flat(e.attributes),
                })),
                links: [],
                status: s.status,
              },
            });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
