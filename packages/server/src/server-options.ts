import type { OnlineEvalOptions } from './services/evals/online-eval-job.js';
import type { ProviderConfig } from '@glassbox/core/providers';
import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import type { DetectionOptions } from './services/detection/detection-options.js';
import type { RetentionOptions } from './services/retention/retention-options.js';
import type { GroupCommitOptions } from './services/ingest/group-commit-writer.js';

export interface ServerOptions {
  storage: Storage;
  host: string;
  /** 0 picks a free port; the chosen one is in GlassboxServer.url. */
  port: number;
  /** Largest OTLP body accepted, raw and after decompression. Default 64 MiB. */
  maxBodyBytes?: number;
  /**
   * Largest attribute value stored whole (UTF-8 bytes). Larger values are stored cut, with a
   * marker and their original size, and reported in OTLP partial_success. Default 1 MiB.
   */
  maxAttributeBytes?: number;
  writeQueue?: GroupCommitOptions;
  /**
   * Worker threads that decode and normalize OTLP trace bodies, so the thread acknowledging
   * requests only commits. Default: one per core when the storage has a location another
   * thread could share (SQLite, PostgreSQL); 0 (inline) for memory storage.
   */
  ingestThreads?: number;
  /**
   * Classify failures on ingest (findings, trace categories) with each project's thresholds.
   * Default true; false stores spans without findings (benchmarks compare the two).
   */
  classifyFailures?: boolean;
  /** A built SPA to serve at `/`, with index.html for any unknown non-API path. */
  uiDir?: string;
  logger?: boolean;
  /** The detection job: interval (CLI --detect-interval), monitors YAML (--monitors), notifications. */
  detection?: DetectionOptions;
  /** The retention sweep: per-project days are set through the API; this sets its pace. */
  retention?: RetentionOptions;
  /** Replay and bisection: model providers and the trial limit. */
  replay?: ReplayOptions;
  /**
   * The artifact registry: how long a pinned session may idle (default 30 min) and how often
   * a waiting label-move long poll re-reads the database for other replicas' moves (250 ms).
   */
  artifacts?: { pinIdleMs?: number; pollMs?: number };
  /** Online evaluation of sampled production traces (rules via PUT /api/online-eval/rules). */
  onlineEval?: OnlineEvalOptions;
}

export interface ReplayOptions {
  /** From --providers; default: OPENAI_BASE_URL / OPENAI_API_KEY. */
  providers?: ProviderConfig[];
  /** Where provider keys are read from (default process.env). Keys are never stored. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The most trials one request may ask for (default 50). */
  maxTrials?: number;
  /**
   * Where replayed answers are judged: `thread` (default), a pool of worker threads so the
   * classifier never runs on the event loop that acknowledges ingest; `in-process` for tests.
   */
  judging?: 'thread' | 'in-process';
}

export const DEFAULT_REPLAY_MAX_TRIALS = 50;

export interface GlassboxServer {
  /** Where the server listens, e.g. `http://127.0.0.1:4318`. */
  url: string;
  app: FastifyInstance;
  /** Stops accepting requests, finishes queued writes, closes the HTTP server. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
