import { shortHash } from '../util/seeded-random.js';
import type { ChatMessage } from './chat-types.js';
import { messageTokens } from './prompt-tokens.js';

const MIN_CACHEABLE = 1024;
const INCREMENT = 128;
const MAX_ENTRIES = 20_000;

/**
 * Simulates provider prompt caching: a prompt whose message prefix was sent before (and is
 * at least 1024 tokens) reports that prefix as cached, in 128-token steps.
 */
export class PromptCache {
  private readonly seen = new Set<string>();

  /** Returns the cached token count for this prompt, then remembers its prefixes. */
  lookupAndStore(model: string, messages: readonly ChatMessage[]): number {
    let running = 3;
    let hash = model;
    let cached = 0;
    const keys: string[] = [];
    for (const message of messages) {
      running += messageTokens(message);
      hash = shortHash(`${hash}\u0000${JSON.stringify(message)}`, 24);
      keys.push(hash);
      if (this.seen.has(hash)) cached = running;
    }
    if (this.seen.size + keys.length > MAX_ENTRIES) this.seen.clear();
    for (const key of keys) this.seen.add(key);
    return cached >= MIN_CACHEABLE ? Math.floor(cached / INCREMENT) * INCREMENT : 0;
  }

  clear(): void {
    this.seen.clear();
  }
}
