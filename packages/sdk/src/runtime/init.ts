import { context as otelContext, propagation, trace as otelTrace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  type IdGenerator,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { VersionSnapshot } from '@glassbox/core/model';
import { createContentPolicy, type Redactor } from '../attributes/content-policy.js';
import { resolveOptions, type ConfigInput, type Env } from '../config/resolve-options.js';
import { contextManager } from '../context/context-manager.js';
import { TRACER_NAME, isActive, setActiveSdk, type ActiveSdk } from './active-sdk.js';
import { BoundedBatchProcessor } from './bounded-batch-processor.js';
import { CountingExporter } from './counting-exporter.js';
import { GlassboxSdkError, SDK_ERROR_CODES } from './sdk-error.js';
import {
  TelemetryHealth,
  throttledWarn,
  type ErrorHandler,
  type TelemetryStats,
} from './telemetry-health.js';

export interface InitOptions extends ConfigInput {
  /** Rewrites every piece of content before it is recorded. */
  redact?: Redactor;
  /** Receives every telemetry problem; default: one console.warn per minute at most. */
  onError?: ErrorHandler;
  /** Export somewhere else than Glassbox's OTLP endpoint (tests: InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** Also register as the global OpenTelemetry tracer provider and context manager. */
  registerGlobal?: boolean;
  /** Extra resource attributes (deployment.environment, service.version, ...). */
  resourceAttributes?: Record<string, string | number | boolean>;
  /** Environment to read GLASSBOX_* variables from; default process.env. */
  env?: Env;
  /**
   * Epoch milliseconds used for span start and end times; default the OpenTelemetry clock.
   * Simulations and replays set it to run on a virtual clock.
   */
  clock?: () => number;
  /** Trace and span ids; default random. Simulations pass a seeded one to reproduce runs. */
  idGenerator?: IdGenerator;
}

export interface GlassboxHandle {
  /** False when the configuration was invalid: helpers then trace nothing. */
  readonly enabled: boolean;
  readonly versions: Readonly<VersionSnapshot>;
  /** Exports everything buffered; resolves (never rejects) within the shutdown timeout. */
  flush(): Promise<void>;
  /** Flushes and stops exporting; resolves (never rejects) within the shutdown timeout. */
  shutdown(): Promise<void>;
  stats(): TelemetryStats;
  setErrorHandler(handler: ErrorHandler): void;
}

/**
 * Starts the Glassbox SDK: OpenTelemetry tracer provider, bounded batch processor and OTLP
 * protobuf exporter to `${endpoint}/v1/traces`. Never throws: a bad configuration is reported
 * through `onError` and returns a disabled handle.
 *
 * @example
 * const glassbox = init({ serviceName: 'support-bot', versions: { agent: 'v3', prompt: 'faq-v7' } });
 * process.on('SIGTERM', () => void glassbox.shutdown());
 */
export function init(options: InitOptions = {}): GlassboxHandle {
  const health = new TelemetryHealth(options.onError ?? throttledWarn());
  const report = (error: GlassboxSdkError): void => health.report(error);
  let resolved;
  try {
    resolved = resolveOptions(options, options.env ?? process.env);
  } catch (error) {
    report(
      error instanceof GlassboxSdkError
        ? error
        : new GlassboxSdkError(SDK_ERROR_CODES.invalidConfig, String(error)),
    );
    return disabledHandle(health);
  }
  const inner =
    options.exporter ??
    new OTLPTraceExporter({
      url: resolved.tracesUrl,
      headers: resolved.apiKey ? { Authorization: `Bearer ${resolved.apiKey}` } : {},
      timeoutMillis: resolved.exportTimeoutMillis,
    });
  const exporter = new CountingExporter(inner, health);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': resolved.serviceName,
      'telemetry.sdk.name': '@glassbox/sdk',
      ...options.resourceAttributes,
    }),
    spanProcessors: [new BoundedBatchProcessor(exporter, health, resolved)],
    ...(options.idGenerator ? { idGenerator: options.idGenerator } : {}),
  });
  if (options.registerGlobal) {
    otelTrace.setGlobalTracerProvider(provider);
    otelContext.setGlobalContextManager(contextManager());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }
  const sdk: ActiveSdk = {
    tracer: provider.getTracer(TRACER_NAME),
    policy: createContentPolicy({
      redact: options.redact,
      hashOnly: resolved.hashOnly,
      onError: report,
    }),
    versions: resolved.versions,
    report,
    server: {
      endpoint: resolved.tracesUrl.replace(/\/v1\/traces$/, ''),
      ...(resolved.apiKey !== undefined ? { apiKey: resolved.apiKey } : {}),
    },
    ...(options.clock ? { clock: options.clock } : {}),
  };
  setActiveSdk(sdk);
  const withinTimeout = (work: Promise<void>, what: string): Promise<void> =>
    boundedWait(work, resolved.shutdownTimeoutMillis, () =>
      report(
        new GlassboxSdkError(
          SDK_ERROR_CODES.shutdownTimeout,
          `${what} did not finish within ${resolved.shutdownTimeoutMillis} ms`,
        ),
      ),
    );
  return {
    enabled: true,
    versions: resolved.versions,
    flush: () => withinTimeout(provider.forceFlush(), 'flush'),
    shutdown: () => {
      if (isActive(sdk)) setActiveSdk(undefined);
      return withinTimeout(provider.shutdown(), 'shutdown');
    },
    stats: () => health.stats(),
    setErrorHandler: (handler) => health.setHandler(handler),
  };
}

function boundedWait(work: Promise<void>, timeoutMs: number, onTimeout: () => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, timeoutMs);
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

function disabledHandle(health: TelemetryHealth): GlassboxHandle {
  return {
    enabled: false,
    versions: {},
    flush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
    stats: () => health.stats(),
    setErrorHandler: (handler) => health.setHandler(handler),
  };
}
