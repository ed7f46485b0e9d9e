import type { Span } from '@glassbox/core/model';
import { KeyValues, TextBlock } from '../../components/text-block.js';

/** A tool execution: which tool, the arguments it got, what it returned or how it failed. */
export function ToolTab(props: { span: Span }) {
  const { span } = props;
  const tool = span.tool;
  return (
    <div data-testid="tool-tab">
      <KeyValues
        entries={[
          ['Tool', tool?.name ?? span.name],
          ['Call id', tool?.callId],
          ['Idempotency key', tool?.idempotencyKey],
          ['Status', span.status],
        ]}
      />
      {span.status === 'error' ? (
        <>
          <h3>Error</h3>
          <pre className="text-block error-block">
            {span.statusMessage ?? 'Failed without a message.'}
          </pre>
        </>
      ) : null}
      <h3>Arguments</h3>
      <TextBlock
        text={tool?.arguments ?? span.input}
        empty="No arguments recorded."
        testId="tool-arguments"
      />
      <h3>Result</h3>
      <TextBlock
        text={tool?.result ?? span.output}
        empty="No result recorded."
        testId="tool-result"
      />
      {span.toolDefinitions.length > 0 ? (
        <>
          <h3>Tools offered to the model ({span.toolDefinitions.length})</h3>
          {span.toolDefinitions.map((def) => (
            <details key={def.name} className="tool-def">
              <summary>
                <span className="mono">{def.name}</span>{' '}
                <span className="muted">{def.description}</span>
              </summary>
              <TextBlock
                text={def.parameters ? JSON.stringify(def.parameters) : undefined}
                empty="No schema."
              />
            </details>
          ))}
        </>
      ) : null}
    </div>
  );
}
