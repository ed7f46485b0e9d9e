/** AI SDK provider ids end in the API they used (`openai.chat`, `google.vertex.chat`). */
const API_SUFFIXES = new Set([
  'chat',
  'completion',
  'responses',
  'messages',
  'embedding',
  'image',
  'transcription',
  'speech',
  'generative-ai',
  'vertex',
  'reranking',
]);

/**
 * A provider name in the lowercase OTel form: `OpenAI` -> `openai`, AI SDK `openai.chat` ->
 * `openai`, while dotted OTel names such as `azure.ai.openai` and `gcp.gemini` are kept.
 *
 * @example
 * normalizeProvider('openai.responses'); // 'openai'
 */
export function normalizeProvider(raw: string): string {
  const lower = raw.trim().toLowerCase();
  const segments = lower.split('.');
  let end = segments.length;
  while (end > 1 && API_SUFFIXES.has(segments[end - 1] as string)) end -= 1;
  return segments.slice(0, end).join('.');
}
