import type { IncomingMessage } from 'node:http';
import { GatewayHttpError } from './gateway-http-error.js';

/** Who is calling: the Glassbox project and key id a bearer key resolves to. */
export interface Caller {
  project: string;
  keyId: string;
  /** The caller's Authorization header, forwarded with its spans so they land in its project. */
  authorization: string | null;
}

/**
 * Resolves a Glassbox project key (`Authorization: Bearer gbx_...`) to its project; the CLI
 * passes the store's key lookup. Undefined for an unknown key.
 */
export type Authenticator = (
  key: string,
) => Promise<{ project: string; keyId: string } | undefined>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The caller of a request. Without an authenticator (loopback development) every request
 * is the `default` project; with one, a valid key is required.
 *
 * @example const caller = await resolveCaller(req, authenticator);
 */
export async function resolveCaller(
  req: IncomingMessage,
  authenticate: Authenticator | null,
): Promise<Caller> {
  if (!authenticate) return { project: 'default', keyId: 'anonymous', authorization: null };
  const header = req.headers.authorization;
  const key = header ? BEARER.exec(header)?.[1] : undefined;
  if (!key)
    throw new GatewayHttpError(
      401,
      'unauthorized',
      'a Glassbox project key is required: send "Authorization: Bearer <key>"',
    );
  const found = await authenticate(key);
  if (!found) throw new GatewayHttpError(401, 'unauthorized', 'unknown Glassbox project key');
  return { ...found, authorization: header ?? null };
}
