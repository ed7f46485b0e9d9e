import type { Span } from '../model/span.js';
import { toolInvocations } from './agent-rules.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { metadataValue } from './span-text.js';

/**
 * The request named the route it called for (`glassbox.metadata.expected_tool` or
 * `expected_agent` on any span, typically the root) and the trace took another.
 */
export function routingFindings(spans: Span[]): Finding[] {
  const out: Finding[] = [];
  const expectedTool = firstMetadata(spans, 'expected_tool');
  if (expectedTool) {
    const used = [...new Set(toolInvocations(spans).map((i) => i.name))];
    if (!used.includes(expectedTool.value)) {
      out.push(
        makeFinding(
          'routing_mismatch',
          [expectedTool.spanId],
          `expected tool ${expectedTool.value}, used ${used.join(', ') || 'none'}`,
          {
            expectedTool: expectedTool.value,
            usedTools: used,
          },
        ),
      );
    }
  }
  const expectedAgent = firstMetadata(spans, 'expected_agent');
  if (expectedAgent) {
    const agents = [
      ...new Set(spans.filter((s) => s.kind === 'agent').map((s) => s.agentName ?? s.name)),
    ];
    if (!agents.includes(expectedAgent.value)) {
      out.push(
        makeFinding(
          'routing_mismatch',
          [expectedAgent.spanId],
          `expected agent ${expectedAgent.value}, ran ${agents.join(', ') || 'none'}`,
          {
            expectedAgent: expectedAgent.value,
            agents,
          },
        ),
      );
    }
  }
  return out;
}

function firstMetadata(spans: Span[], key: string): { value: string; spanId: string } | undefined {
  for (const s of spans) {
    const value = metadataValue(s, key);
    if (value) return { value, spanId: s.spanId };
  }
  return undefined;
}
