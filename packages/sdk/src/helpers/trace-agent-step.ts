import type { Attributes, Span } from '@opentelemetry/api';
import { activeSdk } from '../runtime/active-sdk.js';
import { runInSpan } from './run-in-span.js';

export interface AgentStepInput {
  agentName: string;
  /** Agent id, when the application has one. */
  agentId?: string;
  /** A label for this step (plan, act, reflect); becomes part of the span name. */
  step?: string;
  input?: string;
}

/**
 * Traces one step of an agent (`invoke_agent`); tool calls and generations inside become its
 * children. A string result is recorded as the step's output.
 *
 * @example
 * await traceAgentStep({ agentName: 'booking', step: 'plan' }, () => plan(state));
 */
export function traceAgentStep<T>(input: AgentStepInput, fn: (span: Span) => T): T {
  const { policy } = activeSdk();
  const name = input.step
    ? `invoke_agent ${input.agentName} ${input.step}`
    : `invoke_agent ${input.agentName}`;
  return runInSpan(
    {
      name,
      attributes: () => {
        const a: Attributes = {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': input.agentName,
          'agent.name': input.agentName,
          'openinference.span.kind': 'AGENT',
        };
        if (input.agentId !== undefined) a['gen_ai.agent.id'] = input.agentId;
        if (input.step !== undefined) a['glassbox.agent.step'] = input.step;
        if (input.input !== undefined) a['input.value'] = policy(input.input, 'input');
        return a;
      },
      onResult: (result): Attributes =>
        typeof result === 'string' ? { 'output.value': policy(result, 'output') } : {},
    },
    fn,
  );
}
