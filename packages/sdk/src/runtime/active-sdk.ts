import { trace as otelTrace, type Tracer } from '@opentelemetry/api';
import type { VersionSnapshot } from '@glassbox/core/model';
import { recordAsIs, type ContentTransform } from '../attributes/content-policy.js';
import { GlassboxSdkError, SDK_ERROR_CODES } from './sdk-error.js';

/** What the helpers and wrappers need from the running SDK. */
export interface ActiveSdk {
  tracer: Tracer;
  policy: ContentTransform;
  versions: VersionSnapshot;
  report(error: GlassboxSdkError): void;
  /** The Glassbox server `init` was pointed at (the prompt registry lives there too). */
  server?: { endpoint: string; apiKey?: string };
  /** Epoch ms for span start/end; absent: the OpenTelemetry clock. */
  clock?: () => number;
}

export const TRACER_NAME = '@glassbox/sdk';

let active: ActiveSdk | undefined;

/**
 * The SDK started by the last `init`. Before `init` (or after its shutdown), helpers use the
 * global OpenTelemetry tracer, which is a no-op unless the application registered one.
 */
export function activeSdk(): ActiveSdk {
  return active ?? fallbackSdk();
}

export function setActiveSdk(sdk: ActiveSdk | undefined): void {
  active = sdk;
}

export function isActive(sdk: ActiveSdk): boolean {
  return active === sdk;
}

function fallbackSdk(): ActiveSdk {
  return {
    tracer: otelTrace.getTracer(TRACER_NAME),
    policy: recordAsIs,
    versions: {},
    report: () => undefined,
  };
}

/** Reports an exception caught inside instrumentation code. */
export function reportInternal(where: string, error: unknown): void {
  activeSdk().report(
    new GlassboxSdkError(SDK_ERROR_CODES.instrumentationFailed, `${where}: ${String(error)}`, {
      cause: error,
    }),
  );
}
