import type { FailureCategory } from '../classify/index.js';
import type { Span } from '../model/index.js';
import { contentHash, type DatasetItem } from './dataset-item.js';

/** The user's question: the retrieval query, else the last user turn, else the root input. */
function userInput(spans: readonly Span[]): string | undefined {
  for (const s of spans) if (s.retrievalQuery) return s.retrievalQuery;
  for (const s of spans) {
    const user = s.inputMessages.filter((m) => m.role === 'user').at(-1);
    if (user?.content) return user.content;
  }
  return spans.find((s) => s.parentSpanId === undefined)?.input ?? spans[0]?.input;
}

function promptVariables(spans: readonly Span[]): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const s of spans) {
    for (const [k, v] of Object.entries(s.prompt?.variables ?? {})) vars[k] ??= v;
  }
  return vars;
}

/**
 * A dataset item copied from a production trace: the user's input (`vars.input`), the
 * rendered prompt variables the app recorded, the retrieved context (`vars.context`, the
 * documents' text in rank order) and the answer it gave (`metadata.productionOutput`), linked
 * to the trace. The failure categories found on the trace become the item's categories, so
 * eval coverage counts it. Without an expected output: a person adds what good looks like.
 *
 * @example
 * datasetItemFromTrace(detail.spans, ['ungrounded_answer']).vars.context; // ['Refunds take 14 days.']
 */
export function datasetItemFromTrace(
  spans: readonly Span[],
  categories: readonly FailureCategory[],
): DatasetItem {
  const first = spans[0];
  if (!first) throw new RangeError('datasetItemFromTrace needs at least one span');
  const documents = spans.filter((s) => s.kind === 'retriever').flatMap((s) => s.documents);
  const vars: Record<string, unknown> = { ...promptVariables(spans) };
  const input = userInput(spans);
  if (input !== undefined) vars.input ??= input;
  const context = documents.map((d) => d.content).filter((c): c is string => !!c);
  if (context.length > 0) vars.context ??= context;
  const llm = spans.filter((s) => s.kind === 'llm');
  const output =
    llm.at(-1)?.outputMessages.at(-1)?.content ??
    spans.find((s) => s.parentSpanId === undefined)?.output;
  const metadata: Record<string, string> = {};
  if (output !== undefined) metadata.productionOutput = output;
  const ids = documents.map((d) => d.id).filter((id): id is string => !!id);
  if (ids.length > 0) metadata.retrievedDocumentIds = ids.join(';');
  const model = llm.find((s) => s.responseModel ?? s.requestModel);
  if (model) metadata.model = (model.responseModel ?? model.requestModel) as string;
  const item: DatasetItem = {
    id: `trace-${first.traceId.slice(0, 16)}-${contentHash(JSON.stringify(vars))}`,
    vars,
    sourceTraceId: first.traceId,
    metadata,
  };
  if (categories.length > 0) item.categories = [...new Set(categories)];
  return item;
}
