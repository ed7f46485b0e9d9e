import type { Message, Span } from '@glassbox/core/model';
import { TextBlock } from '../../components/text-block.js';

/** The prompt exactly as the model saw it, as chat turns, system prompt first. */
export function MessagesTab(props: { span: Span }) {
  const { span } = props;
  const messages = systemFirst(span.inputMessages);
  return (
    <div data-testid="messages-tab">
      {span.prompt?.name || span.prompt?.template ? (
        <p className="muted">
          Prompt {span.prompt.name ?? ''} {span.prompt.version ? `v${span.prompt.version}` : ''}
        </p>
      ) : null}
      {span.retrievalQuery ? (
        <Turn message={{ role: 'query', content: span.retrievalQuery }} />
      ) : null}
      {messages.length > 0 ? (
        messages.map((m, i) => <Turn key={i} message={m} />)
      ) : (
        <TextBlock text={span.input} empty="This span recorded no input." />
      )}
    </div>
  );
}

/** What the span produced: the model's reply turns, else its generic output. */
export function OutputTab(props: { span: Span }) {
  const { span } = props;
  return (
    <div data-testid="output-tab">
      {span.outputMessages.length > 0 ? (
        span.outputMessages.map((m, i) => <Turn key={i} message={m} />)
      ) : (
        <TextBlock text={span.output} empty="This span recorded no output." />
      )}
      {span.finishReason ? <p className="muted">Finish reason: {span.finishReason}</p> : null}
    </div>
  );
}

function Turn(props: { message: Message }) {
  const { message } = props;
  return (
    <div className={`turn role-${message.role}`} data-role={message.role}>
      <div className="turn-role">
        {message.role}
        {message.name ? <span className="muted"> · {message.name}</span> : null}
        {message.toolCallId ? <span className="muted"> · answers {message.toolCallId}</span> : null}
      </div>
      {message.content ? <div className="turn-content">{message.content}</div> : null}
      {message.toolCalls?.map((call, i) => (
        <div key={call.id ?? i} className="tool-call">
          <span className="mono">
            → {call.name}
            {call.id ? <span className="muted"> ({call.id})</span> : null}
          </span>
          <TextBlock text={call.arguments} empty="No arguments." />
        </div>
      ))}
    </div>
  );
}

function systemFirst(messages: readonly Message[]): Message[] {
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer');
  return [...system, ...messages.filter((m) => !system.includes(m))];
}
