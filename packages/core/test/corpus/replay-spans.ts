import type { Span } from '../../src/model/span.js';
import { makeSpan, T0 } from './span-factory.js';

/** A RAG answer whose system prompt quotes its two retrieved documents. */
export const docs = [
  { id: 'refund#0', content: 'Refunds are paid within 14 days of the return.' },
  { id: 'refund#1', content: 'Store credit never expires and can be used online.' },
];

export const ragLlm: Span = makeSpan({
  spanId: 'llm1',
  kind: 'llm',
  startMs: T0 + 100,
  requestModel: 'gpt-4o-mini',
  responseModel: 'gpt-4o-mini-2024-07-18',
  parameters: { temperature: 0.2, maxTokens: 300, seed: 7, stop: ['END'] },
  inputMessages: [
    {
      role: 'system',
      content: `Answer only from the sources.\n\nSources:\n[refund#0] ${docs[0]!.content}\n[refund#1] ${docs[1]!.content}`,
    },
    { role: 'user', content: 'Question: how long do refunds take?' },
  ],
  attributes: {
    'gen_ai.output.type': 'json',
    'gen_ai.request.tool_choice': 'none',
    'gen_ai.request.frequency_penalty': 0.5,
  },
  prompt: { name: 'support', version: 'support-v3' },
});
export const retriever = makeSpan({
  spanId: 'ret1',
  kind: 'retriever',
  startMs: T0,
  documents: docs,
});

/** The same call from a healthy trace: pinned snapshot, lower temperature, fresh documents. */
export function goodVariant(changes: {
  temperature?: number;
  responseModel?: string;
  system?: string;
  documents?: { id: string; content: string }[];
}): { llm: Span; retriever: Span } {
  const documents = changes.documents ?? docs;
  const system = changes.system ?? 'Answer only from the sources.';
  const llm: Span = {
    ...ragLlm,
    traceId: 't-good',
    parameters: { ...ragLlm.parameters, temperature: changes.temperature ?? 0.2 },
    responseModel: changes.responseModel ?? ragLlm.responseModel!,
    inputMessages: [
      {
        role: 'system',
        content: `${system}\n\nSources:\n${documents.map((d) => `[${d.id}] ${d.content}`).join('\n')}`,
      },
      { role: 'user', content: 'Question: can I get my money back?' },
    ],
  };
  return { llm, retriever: { ...retriever, traceId: 't-good', documents } };
}
