import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { defaultProvider } from '@glassbox/core/providers';
import type { GatewayConfig } from './gateway-config.js';
import { GatewayConfigError } from './gateway-config-error.js';
import { validateGatewayConfig } from './validate-gateway-config.js';

/**
 * Parses and validates a gateway YAML text; every error names the file, the line and the
 * field. Lives in the gateway package (which the CLI composes) because core reads no files
 * and parses no YAML, and the CLI passes the path straight through.
 *
 * @example parseGatewayConfig(text, 'gateway.yaml', process.env)
 */
export function parseGatewayConfig(
  text: string,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): GatewayConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0].line ?? lineCounter.linePos(syntax.pos[0]).line;
    throw new GatewayConfigError(
      [],
      `is not valid YAML: ${syntax.message.split('\n')[0]}`,
      line,
      file,
    );
  }
  try {
    return validateGatewayConfig(doc.toJS() as unknown, [defaultProvider(env)]);
  } catch (error) {
    if (!(error instanceof GatewayConfigError)) throw error;
    throw new GatewayConfigError(
      error.path,
      error.problem,
      lineOf(doc.contents, error.path, lineCounter),
      file,
    );
  }
}

/**
 * Reads and validates a gateway config file.
 *
 * @example const config = await loadGatewayConfig('gateway.yaml', process.env);
 */
export async function loadGatewayConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new GatewayConfigError([], `cannot be read: ${(error as Error).message}`, null, file);
  }
  return parseGatewayConfig(text, file, env);
}

/** The line of the deepest node on `path` that exists (a missing field points at its parent). */
function lineOf(
  root: Node | null,
  path: readonly (string | number)[],
  counter: LineCounter,
): number | null {
  let node: unknown = root;
  let line: number | null = rangeLine(root, counter);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      if (!pair) break;
      line = rangeLine(pair.key as Node, counter) ?? line;
      node = pair.value;
      if (typeof part === 'string' && path[path.length - 1] !== part)
        line = rangeLine(node as Node, counter) ?? line;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      line = rangeLine(node as Node, counter) ?? line;
    } else break;
  }
  return line;
}

function rangeLine(node: Node | null | undefined, counter: LineCounter): number | null {
  const start = node?.range?.[0];
  return start === undefined ? null : counter.linePos(start).line;
}
