import { describe, expect, it } from 'vitest';
import { readModels } from './read-models.js';

describe('readModels', () => {
  it('reads OpenInference: invocation model requested, llm.model_name answered', () => {
    expect(
      readModels({
        'llm.model_name': 'gpt-4o-mini-2024-07-18',
        'llm.invocation_parameters': '{"model":"gpt-4o-mini","temperature":0}',
      }),
    ).toEqual({ requestModel: 'gpt-4o-mini', responseModel: 'gpt-4o-mini-2024-07-18' });
  });

  it('does not invent a response model when llm.model_name equals the request (failed call)', () => {
    expect(
      readModels({ 'llm.model_name': 'gpt-4o', 'llm.invocation_parameters': '{"model":"gpt-4o"}' }),
    ).toEqual({ requestModel: 'gpt-4o' });
  });

  it('keeps llm.model_name as the request when no invocation parameters exist', () => {
    expect(readModels({ 'llm.model_name': 'claude-3-5-sonnet' })).toEqual({
      requestModel: 'claude-3-5-sonnet',
    });
  });

  it('prefers explicit request and response keys over the OpenInference inference', () => {
    expect(
      readModels({
        'gen_ai.request.model': 'a',
        'gen_ai.response.model': 'b',
        'llm.model_name': 'c',
        'llm.invocation_parameters': '{"model":"d"}',
      }),
    ).toEqual({ requestModel: 'a', responseModel: 'b' });
  });

  it('ignores a non-string invocation model and unparsable invocation parameters', () => {
    expect(
      readModels({ 'llm.model_name': 'm', 'llm.invocation_parameters': '{"model":42' }),
    ).toEqual({ requestModel: 'm' });
    expect(
      readModels({ 'llm.model_name': 'm', 'llm.invocation_parameters': '{"model":{}}' }),
    ).toEqual({ requestModel: 'm' });
  });
});
