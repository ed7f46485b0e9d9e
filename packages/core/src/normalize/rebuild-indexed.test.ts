import { describe, expect, it } from 'vitest';
import { rebuildIndexed } from './rebuild-indexed.js';

describe('rebuildIndexed', () => {
  it('rebuilds nested indexed keys into arrays of objects', () => {
    const attrs = {
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': 'hi',
      'llm.input_messages.1.message.role': 'assistant',
      'llm.input_messages.1.message.tool_calls.0.tool_call.function.name': 'search',
      'llm.input_messages.1.message.tool_calls.1.tool_call.function.name': 'book',
      'llm.model_name': 'gpt-4o',
    };
    expect(rebuildIndexed(attrs, 'llm.input_messages')).toEqual([
      { message: { role: 'user', content: 'hi' } },
      {
        message: {
          role: 'assistant',
          tool_calls: [
            { tool_call: { function: { name: 'search' } } },
            { tool_call: { function: { name: 'book' } } },
          ],
        },
      },
    ]);
  });

  it('orders by numeric index, not by key order or text order, and closes gaps', () => {
    const attrs = {
      'gen_ai.prompt.10.content': 'ten',
      'gen_ai.prompt.2.content': 'two',
      'gen_ai.prompt.0.content': 'zero',
    };
    expect(
      rebuildIndexed(attrs, 'gen_ai.prompt').map((m) => (m as { content: string }).content),
    ).toEqual(['zero', 'two', 'ten']);
  });

  it('ignores keys that only share the prefix text or are not indexed', () => {
    const attrs = {
      'gen_ai.prompt': '[{"role":"user"}]',
      'gen_ai.prompt.name': 'greeting',
      'gen_ai.prompts.0.content': 'other family',
      'gen_ai.prompt.0.content': 'kept',
    };
    expect(rebuildIndexed(attrs, 'gen_ai.prompt')).toEqual([{ content: 'kept' }]);
  });

  it('keeps structured leaf values intact instead of merging them into the tree', () => {
    const attrs = { 'x.0.meta': { a: 1 }, 'x.0.list': [1, 2] };
    expect(rebuildIndexed(attrs, 'x')).toEqual([{ meta: { a: 1 }, list: [1, 2] }]);
  });

  it('keeps a value that is also a branch under the empty key', () => {
    const attrs = { 'x.0.a': 'leaf', 'x.0.a.b': 'branch' };
    expect(rebuildIndexed(attrs, 'x')).toEqual([{ a: { '': 'leaf', b: 'branch' } }]);
  });

  it('returns an empty array when nothing matches', () => {
    expect(rebuildIndexed({ a: 1 }, 'x')).toEqual([]);
  });
});
