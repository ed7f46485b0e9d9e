import type OpenAI from 'openai';
import { trace, traceRerank, traceRetrieval, withVersions } from '@glassbox/sdk';
import { keyTerms, overlap } from '../text/key-terms.js';
import type { Chunk, ChunkingStrategy } from './chunk-document.js';
import { withTraceId } from './with-trace-id.js';
import { chunkDocument } from './chunk-document.js';
import type { CorpusDocument } from './load-corpus.js';
import type { SearchHit } from './vector-index.js';
import { VectorIndex } from './vector-index.js';

/** What operators change about the bot: models, parameters, prompt, retrieval. */
export interface RagBotSettings {
  chatModel: string;
  /** The model the team pinned (recorded as version `model`). */
  pinnedModel: string;
  embeddingModel: string;
  temperature: number;
  /** The temperature the team reviewed (version `param.temperature`). */
  pinnedTemperature: number;
  maxTokens: number;
  topK: number;
  rerankTopN: number;
  promptVersion: string;
  /** The system prompt of `promptVersion`; the sources follow it. */
  systemPrompt: string;
}

/** The reviewed support prompt (version support-v3). */
export const SUPPORT_PROMPT_V3 = `You are Brightpath's support assistant. Answer only from the sources below and cite every fact with its source id in brackets, like [refund-policy#0]. If the sources do not answer the question, say so.`;

export const DEFAULT_RAG_SETTINGS: RagBotSettings = {
  chatModel: 'gpt-4o-mini',
  pinnedModel: 'gpt-4o-mini-2024-07-18',
  embeddingModel: 'sim-embedding-small',
  temperature: 0.2,
  pinnedTemperature: 0.2,
  maxTokens: 300,
  topK: 5,
  rerankTopN: 3,
  promptVersion: 'support-v3',
  systemPrompt: SUPPORT_PROMPT_V3,
};

export interface IngestOptions {
  /** Simulated epoch ms of the ingestion. */
  at: number;
  chunking: ChunkingStrategy;
  /** What the upstream export does to the text (an upstream format change). */
  transform?: (text: string) => string;
  source?: string;
}

export interface RagAnswer {
  answer: string;
  citations: string[];
  hits: SearchHit[];
  traceId: string;
}

/**
 * The RAG support bot: chunks and embeds the help center, retrieves by cosine similarity,
 * reranks by term overlap, and answers with citations, every step traced with the SDK.
 *
 * @example
 * const bot = new RagBot(instrumentOpenAI(new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim' })));
 * await bot.ingest(loadCorpus(), { at: Date.now(), chunking: { kind: 'sentences', maxChars: 400 } });
 * const { answer } = await bot.answer('How long do refunds take?');
 */
export class RagBot {
  readonly index = new VectorIndex('help-center', 'v1');
  settings: RagBotSettings;

  constructor(
    private readonly openai: OpenAI,
    settings: Partial<RagBotSettings> = {},
  ) {
    this.settings = { ...DEFAULT_RAG_SETTINGS, ...settings };
  }

  /** Chunks, embeds (one batched call) and upserts documents. */
  async ingest(documents: readonly CorpusDocument[], options: IngestOptions): Promise<number> {
    const chunks: Chunk[] = documents.flatMap((d) => chunkDocument(d, options.chunking));
    const texts = chunks.map((c) =>
      (options.transform ?? ((t: string) => t))(`${c.title}. ${c.text}`),
    );
    const vectors = await this.embed(texts);
    this.index.removeDocuments(documents.map((d) => d.id));
    this.index.upsert(
      chunks.map((chunk, i) => ({
        ...chunk,
        text: texts[i]!,
        vector: vectors[i]!,
        source: options.source ?? `help-center/${chunk.documentId}.md`,
        ingestedAt: options.at,
        indexVersion: this.index.version,
      })),
    );
    return chunks.length;
  }

  /** Retrieval and rerank only: the sources a question would be answered from. */
  async retrieve(question: string): Promise<SearchHit[]> {
    const s = this.settings;
    const [vector] = await this.embed([question]);
    const hits = await traceRetrieval(
      {
        query: question,
        dataSource: this.index.name,
        indexVersion: this.index.version,
        topK: s.topK,
        toDocuments: (result: SearchHit[]) => result.map(asDocument),
      },
      () => this.index.search(vector!, question, s.topK),
    );
    const terms = keyTerms(question);
    return traceRerank(
      {
        query: question,
        model: 'term-overlap-v1',
        topN: s.rerankTopN,
        inputDocuments: hits.map(asDocument),
        toDocuments: (result: SearchHit[]) => result.map(asDocument),
      },
      () =>
        hits
          .map((h) => ({
            ...h,
            score: terms.length ? overlap(terms, h.chunk.text) / terms.length : 0,
          }))
          .sort((a, b) => b.score - a.score)
          .slice(0, s.rerankTopN),
    );
  }

  /** Answers a question from retrieved sources; traced as one `support-bot answer` trace. */
  answer(question: string): Promise<RagAnswer> {
    return trace(
      'support-bot answer',
      (span) => withTraceId(span.spanContext().traceId, () => this.answerInTrace(question)),
      { input: question },
    );
  }

  /** The same work inside the caller's trace; the router passes the sources it already retrieved. */
  answerInTrace(question: string, retrieved?: SearchHit[]): Promise<Omit<RagAnswer, 'traceId'>> {
    const s = this.settings;
    return withVersions(
      {
        model: s.pinnedModel,
        prompt: s.promptVersion,
        index: this.index.version,
        'param.temperature': String(s.pinnedTemperature),
      },
      async () => {
        const hits = retrieved ?? (await this.retrieve(question));
        const sources = hits.map((h) => `[${h.chunk.id}] ${h.chunk.text}`).join('\n');
        const completion = await this.openai.chat.completions.create({
          model: s.chatModel,
          temperature: s.temperature,
          max_tokens: s.maxTokens,
          messages: [
            { role: 'system', content: `${s.systemPrompt}\n\nSources:\n${sources}` },
            { role: 'user', content: `Question: ${question}` },
          ],
        });
        const answer = completion.choices[0]?.message.content ?? '';
        const citations = [...answer.matchAll(/\[([^\]\s]+)\]/g)].map((m) => m[1]!);
        return { answer, citations, hits };
      },
    );
  }

  private async embed(texts: string[]): Promise<number[][]> {
    const res = await this.openai.embeddings.create({
      model: this.settings.embeddingModel,
      input: texts,
    });
    return res.data.sort((a, b) => a.index - b.index).map((d) => d.embedding);
  }
}

function asDocument(hit: SearchHit) {
  return {
    id: hit.chunk.id,
    content: hit.chunk.text,
    score: Math.round(hit.score * 1e4) / 1e4,
    source: hit.chunk.source,
    ingestedAt: hit.chunk.ingestedAt,
    metadata: { index_version: hit.chunk.indexVersion },
  };
}
