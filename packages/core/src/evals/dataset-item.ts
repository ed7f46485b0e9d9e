import { FAILURE_CATEGORIES, type FailureCategory } from '../classify/index.js';
import { RUBRIC_DIMENSIONS, type RubricDimension } from './rubric-dimensions.js';

/**
 * One case of a dataset: the input variables a prompt is rendered with, what a good answer
 * holds, the documents a good retrieval returns, and where it came from. `categories` and
 * `dimensions` name the failure categories and rubric dimensions the item guards (eval
 * coverage reads them).
 */
export interface DatasetItem {
  /** Stable across versions, unique within one; paired comparison matches items by it. */
  id: string;
  vars: Record<string, unknown>;
  /** A promptfoo `__expected` value: `contains:refund`, `llm-rubric: ...`, or text to equal. */
  expected?: string;
  goldDocumentIds?: string[];
  metadata?: Record<string, string>;
  sourceTraceId?: string;
  categories?: FailureCategory[];
  dimensions?: RubricDimension[];
}

const KEYS = new Set([
  'id',
  'vars',
  'expected',
  'goldDocumentIds',
  'metadata',
  'sourceTraceId',
  'categories',
  'dimensions',
]);
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACE_ID_PATTERN = /^[0-9a-f]{32}$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');

/** FNV-1a over a string, as 8 hex digits: a content id that is the same in every runtime. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Checks an item from outside (a JSON body, a JSONL line, a CSV row made into an object):
 * answers the item, or the first problem in words. Without an id the item gets one from its
 * content, so importing the same file twice yields the same ids.
 *
 * @example
 * checkDatasetItem({ vars: { q: 'refund?' }, expected: 'contains:14 days' }); // { item: { id: 'item-…', … } }
 * checkDatasetItem({ vars: 'q' }); // { problem: '"vars" must be an object' }
 */
export function checkDatasetItem(raw: unknown): { item: DatasetItem } | { problem: string } {
  if (!isObject(raw)) return { problem: 'an item must be an object' };
  const unknown = Object.keys(raw).filter((k) => !KEYS.has(k));
  if (unknown.length > 0)
    return {
      problem: `unknown field "${unknown[0]}" (known: ${[...KEYS].join(', ')})`,
    };
  const { id, vars, expected, goldDocumentIds, metadata, sourceTraceId, categories, dimensions } =
    raw;
  if (!isObject(vars)) return { problem: '"vars" must be an object' };
  if (id !== undefined && (typeof id !== 'string' || !ID_PATTERN.test(id)))
    return { problem: '"id" must be 1-128 letters, digits or . _ : -' };
  if (expected !== undefined && typeof expected !== 'string')
    return { problem: '"expected" must be a string' };
  if (goldDocumentIds !== undefined && !isStringList(goldDocumentIds))
    return { problem: '"goldDocumentIds" must be a list of non-empty strings' };
  if (
    metadata !== undefined &&
    (!isObject(metadata) || Object.values(metadata).some((v) => typeof v !== 'string'))
  )
    return { problem: '"metadata" must be an object of strings' };
  if (
    sourceTraceId !== undefined &&
    (typeof sourceTraceId !== 'string' || !TRACE_ID_PATTERN.test(sourceTraceId))
  )
    return { problem: '"sourceTraceId" must be a trace id of 32 lowercase hex digits' };
  if (categories !== undefined) {
    if (!isStringList(categories)) return { problem: '"categories" must be a list of strings' };
    const bad = categories.find((c) => !(c in FAILURE_CATEGORIES));
    if (bad !== undefined) return { problem: `unknown failure category "${bad}"` };
  }
  if (dimensions !== undefined) {
    if (!isStringList(dimensions)) return { problem: '"dimensions" must be a list of strings' };
    const bad = dimensions.find((d) => !(d in RUBRIC_DIMENSIONS));
    if (bad !== undefined)
      return {
        problem: `unknown rubric dimension "${bad}" (known: ${Object.keys(RUBRIC_DIMENSIONS).join(', ')})`,
      };
  }
  const item: DatasetItem = {
    id:
      (id as string | undefined) ??
      `item-${contentHash(JSON.stringify([vars, expected ?? null, sourceTraceId ?? null]))}`,
    vars: { ...vars },
  };
  if (expected !== undefined) item.expected = expected;
  if (goldDocumentIds !== undefined) item.goldDocumentIds = [...goldDocumentIds];
  if (metadata !== undefined) item.metadata = { ...(metadata as Record<string, string>) };
  if (sourceTraceId !== undefined) item.sourceTraceId = sourceTraceId as string;
  if (categories !== undefined) item.categories = [...new Set(categories)] as FailureCategory[];
  if (dimensions !== undefined) item.dimensions = [...new Set(dimensions)] as RubricDimension[];
  return { item };
}
