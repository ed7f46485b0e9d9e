import { describe, expect, it } from 'vitest';
import { readDocuments } from './read-documents.js';
import { readParameters } from './read-parameters.js';
import { readToolDefinitions } from './read-tool-definitions.js';

describe('readParameters', () => {
  it('prefers gen_ai.request.* over invocation parameters over ai.settings.*, field by field', () => {
    const params = readParameters({
      'gen_ai.request.temperature': 0,
      'llm.invocation_parameters': '{"temperature":0.9,"top_p":0.5,"max_tokens":"64"}',
      'ai.settings.topP': 0.1,
      'ai.settings.topK': 3,
      'ai.settings.seed': 11,
      'ai.settings.stopSequences': ['###'],
    });
    expect(params).toEqual({
      temperature: 0,
      topP: 0.5,
      maxTokens: 64,
      topK: 3,
      seed: 11,
      stop: ['###'],
    });
  });

  it('accepts structured invocation parameters and ignores ill-typed ones', () => {
    expect(
      readParameters({ 'llm.invocation_parameters': { temperature: 'warm', stream: 'true' } }),
    ).toEqual({ stream: true });
  });
});

describe('readDocuments', () => {
  it('reads db.query.result events when no document attributes exist', () => {
    const docs = readDocuments({}, [
      {
        name: 'db.query.result',
        timeUnixNano: '1',
        attributes: {
          'db.query.result.id': 'r1',
          'db.query.result.score': 0.3,
          'db.query.result.document': 'text',
          'db.query.result.metadata': '{"uri":"s3://b/k"}',
        },
      },
      { name: 'other', timeUnixNano: '2', attributes: { 'db.query.result.id': 'ignored' } },
    ]);
    expect(docs).toEqual([
      { id: 'r1', score: 0.3, content: 'text', source: 's3://b/k', metadata: { uri: 's3://b/k' } },
    ]);
  });
});

describe('readToolDefinitions', () => {
  it('accepts OpenAI-wrapped, flat and AI SDK inputSchema tool shapes and skips nameless ones', () => {
    const defs = readToolDefinitions({
      'gen_ai.tool.definitions': [
        { type: 'function', function: { name: 'a', parameters: '{"type":"object"}' } },
        { name: 'b', description: 'B' },
        { type: 'function', name: 'c', inputSchema: { type: 'object' } },
        { description: 'nameless' },
      ],
    });
    expect(defs).toEqual([
      { name: 'a', parameters: { type: 'object' } },
      { name: 'b', description: 'B' },
      { name: 'c', parameters: { type: 'object' } },
    ]);
  });
});
