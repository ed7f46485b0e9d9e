/** What to do when the server has no traces yet: point an exporter at it. */
export function SendFirstTrace() {
  const origin = window.location.origin;
  return (
    <div className="first-trace">
      <p>
        Glassbox receives OpenTelemetry traces over OTLP/HTTP at <code>{origin}/v1/traces</code>{' '}
        (JSON or protobuf). Point any OpenTelemetry GenAI, OpenInference or OpenLLMetry
        instrumentation at it:
      </p>
      <pre className="text-block">{`export OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${origin}/v1/traces
export OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf`}</pre>
      <p>
        From Node, the Glassbox SDK does it in one call:{' '}
        <code>{`import { init } from '@glassbox/sdk'; init({ endpoint: '${origin}/v1/traces' });`}</code>
      </p>
    </div>
  );
}
