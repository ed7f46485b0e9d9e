/** What normalization needs beyond the span itself. */
export interface NormalizeContext {
  projectId: string;
  /** Vercel AI SDK `ai.telemetry.metadata.<key>` keys naming the session (first present wins). */
  sessionIdKeys?: string[];
  /** Vercel AI SDK `ai.telemetry.metadata.<key>` keys naming the user (first present wins). */
  userIdKeys?: string[];
}

export const DEFAULT_SESSION_ID_KEYS = ['sessionId', 'session_id'];
export const DEFAULT_USER_ID_KEYS = ['userId', 'user_id'];
