import { createHash } from 'node:crypto';
import { GlassboxSdkError, SDK_ERROR_CODES } from '../runtime/sdk-error.js';

/** Where a piece of content sits on a span; given to the redaction hook. */
export type ContentField =
  | 'system_instructions'
  | 'input.messages'
  | 'output.messages'
  | 'tool.arguments'
  | 'tool.result'
  | 'retrieval.query'
  | 'document.content'
  | 'input'
  | 'output';

/** Application hook that rewrites content before it leaves the process. */
export type Redactor = (text: string, info: { field: ContentField }) => string;

/** Turns content into what may be recorded. */
export type ContentTransform = (text: string, field: ContentField) => string;

export interface ContentPolicyOptions {
  redact?: Redactor;
  /** Replace all content with `sha256:<hex> len:<n>` (applied after `redact`). */
  hashOnly?: boolean;
  onError?: (error: GlassboxSdkError) => void;
}

export const REDACTION_FAILED = '[glassbox: redaction failed]';

/** SHA-256 of UTF-8 text, lowercase hex. @example sha256Hex('a').length // 64 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** @example hashContent('hi') // 'sha256:8f43... len:2' */
export function hashContent(text: string): string {
  return `sha256:${sha256Hex(text)} len:${text.length}`;
}

export const recordAsIs: ContentTransform = (text) => text;

/**
 * Builds the transform every content attribute goes through. A redactor that throws or
 * returns a non-string never lets the original text through: the field is replaced by a
 * marker and the failure is reported.
 *
 * @example
 * const policy = createContentPolicy({ redact: (t) => t.replace(/\d{16}/g, '[card]') });
 * policy('card 4111111111111111', 'input.messages') // 'card [card]'
 */
export function createContentPolicy(options: ContentPolicyOptions): ContentTransform {
  const { redact, hashOnly, onError } = options;
  if (!redact && !hashOnly) return recordAsIs;
  return (text, field) => {
    let recorded = text;
    if (redact) {
      try {
        const out = redact(text, { field });
        if (typeof out !== 'string')
          throw new TypeError(`redact returned ${typeof out}, expected a string`);
        recorded = out;
      } catch (error) {
        onError?.(
          new GlassboxSdkError(
            SDK_ERROR_CODES.redactionFailed,
            `redaction of ${field} failed: ${String(error)}`,
            {
              cause: error,
            },
          ),
        );
        return REDACTION_FAILED;
      }
    }
    return hashOnly ? hashContent(recorded) : recorded;
  };
}
