import { describe, expect, it } from 'vitest';
import { DatasetRowsError } from './dataset-rows-error.js';
import { formatDatasetFile } from './format-dataset-file.js';
import { parseDatasetFile } from './parse-dataset-file.js';

describe('parseDatasetFile', () => {
  it('reads JSONL items and gives items without an id a stable content id', () => {
    const text =
      '{"id":"a","vars":{"q":"refund?"},"expected":"contains:14 days","goldDocumentIds":["d1"]}\n\n{"vars":{"q":"hi"},"categories":["refusal"],"dimensions":["tone"]}\n';
    const items = parseDatasetFile(text, 'jsonl');
    expect(items[0]).toEqual({
      id: 'a',
      vars: { q: 'refund?' },
      expected: 'contains:14 days',
      goldDocumentIds: ['d1'],
    });
    expect(items[1]?.id).toMatch(/^item-[0-9a-f]{8}$/);
    expect(parseDatasetFile(text, 'jsonl')[1]?.id).toBe(items[1]?.id);
  });

  it('refuses the whole JSONL file and names every bad line', () => {
    const text = [
      '{"vars":{"q":"ok"}}',
      'not json',
      '{"vars":"q"}',
      '{"vars":{},"categories":["nope"]}',
      '{"id":"x","vars":{}}',
      '{"id":"x","vars":{}}',
      '{"vars":{},"colour":1}',
    ].join('\n');
    let error: unknown;
    try {
      parseDatasetFile(text, 'jsonl', 'items.jsonl');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetRowsError);
    const rows = (error as DatasetRowsError).rows;
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 6, 7]);
    expect(rows[2]?.message).toContain('unknown failure category "nope"');
    expect(rows[3]?.message).toContain('repeats line 5');
    expect((error as Error).message).toMatch(/^items\.jsonl: 5 bad rows, nothing imported: line 2/);
  });

  it('reads CSV columns as fields, metadata and variables', () => {
    const csv =
      'id,question,__expected,gold_document_ids,categories,metadata.source,vars.id\nq1,"Refund, please?",contains:refund,d1; d2,refusal,prod,7\n';
    expect(parseDatasetFile(csv, 'csv')).toEqual([
      {
        id: 'q1',
        vars: { question: 'Refund, please?', id: '7' },
        expected: 'contains:refund',
        goldDocumentIds: ['d1', 'd2'],
        categories: ['refusal'],
        metadata: { source: 'prod' },
      },
    ]);
  });

  it('names the CSV line of a bad row and of a row with the wrong field count', () => {
    expect(() => parseDatasetFile('q,dimensions\na,tone\nb,politeness\n', 'csv')).toThrow(
      /line 3: unknown rubric dimension "politeness"/,
    );
    expect(() => parseDatasetFile('q,r\na,b\nc\n', 'csv', 'x.csv')).toThrow(
      /x\.csv line 3: 1 fields/,
    );
    expect(() => parseDatasetFile('q\n', 'csv')).toThrow(/has no items/);
  });

  it('round-trips through both formats', () => {
    const items = parseDatasetFile(
      '{"id":"a","vars":{"q":"x, \\"y\\"","expected":"v"},"expected":"equals:z","sourceTraceId":"' +
        'ab'.repeat(16) +
        '","metadata":{"k":"v"},"dimensions":["format","tone"]}\n',
      'jsonl',
    );
    expect(parseDatasetFile(formatDatasetFile(items, 'jsonl'), 'jsonl')).toEqual(items);
    expect(parseDatasetFile(formatDatasetFile(items, 'csv'), 'csv')).toEqual(items);
  });
});
