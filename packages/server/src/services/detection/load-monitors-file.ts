import { readFile } from 'node:fs/promises';
import { checkMonitor, DetectError, type MonitorDefinition } from '@glassbox/core/detect';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ServerErrorCode } from '../../errors/server-error-codes.js';

/** A monitor from the file and the project (by name) it belongs to. */
export interface FileMonitor {
  project: string;
  definition: MonitorDefinition;
}

/** A monitors file that cannot be used; the message names the file, line and field. */
export class MonitorsFileError extends Error {
  override readonly name = 'MonitorsFileError';
  readonly code = 'invalid_monitors_file' satisfies ServerErrorCode;
  constructor(
    message: string,
    readonly line?: number,
    readonly path?: string,
  ) {
    super(message);
  }
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: (string | number)[],
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range)
      return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function toPath(dotted: string): (string | number)[] {
  return dotted
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Parses a monitors YAML document:
 *
 *     project: default          # optional, the default project for the list
 *     monitors:
 *       - id: refund-errors
 *         metric: error_rate
 *         detector: bernoulli_cusum
 *         segment: { route: refund }
 *         params: { p0: 0.02 }
 *         severity: error
 *         notify: [{ type: slack, url: https://hooks.slack.com/services/... }]
 *         project: checkout     # optional, overrides the default
 *
 * Errors are MonitorsFileError with the line and field, e.g.
 * `monitors.yaml:7: monitors[0].detector: must be one of ...`.
 *
 * @example
 * parseMonitorsYaml(text, 'monitors.yaml'); // [{ project: 'default', definition: {...} }]
 */
export function parseMonitorsYaml(text: string, fileName = 'monitors file'): FileMonitor[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = counter.linePos(syntax.pos[0]).line;
    throw new MonitorsFileError(
      `${fileName}:${line ?? '?'}: ${syntax.message.split('\n')[0] ?? 'invalid YAML'}`,
      line,
    );
  }
  const fail = (path: string, message: string): never => {
    const line = lineOf(doc, counter, toPath(path));
    throw new MonitorsFileError(`${fileName}:${line ?? '?'}: ${message}`, line, path);
  };
  if (!isMap(doc.contents)) fail('', 'must be a mapping with a `monitors` list');
  const root = doc.toJS() as Record<string, unknown>;
  for (const key of Object.keys(root))
    if (key !== 'project' && key !== 'monitors')
      fail(key, `${key}: unknown field (expected project, monitors)`);
  const defaultProject = root.project ?? 'default';
  if (typeof defaultProject !== 'string' || !defaultProject.trim())
    fail('project', 'project: must be a project name');
  if (!isSeq(doc.get('monitors', true))) fail('monitors', 'monitors: must be a list');
  const list = root.monitors as unknown[];
  const seen = new Set<string>();
  return list.map((item, i) => {
    const path = `monitors[${i}]`;
    const { project = defaultProject, ...rest } = (
      typeof item === 'object' && item !== null ? item : { item }
    ) as Record<string, unknown>;
    if (typeof project !== 'string' || !project.trim())
      fail(`${path}.project`, `${path}.project: must be a project name`);
    let definition: MonitorDefinition;
    try {
      definition = checkMonitor(typeof item === 'object' && item !== null ? rest : item, path);
    } catch (error) {
      if (error instanceof DetectError) fail(error.path ?? path, error.message);
      throw error;
    }
    const key = `${String(project)}/${definition.id}`;
    if (seen.has(key))
      fail(
        `${path}.id`,
        `${path}.id: "${definition.id}" is defined twice for project ${String(project)}`,
      );
    seen.add(key);
    return { project: project as string, definition };
  });
}

/** Reads and parses a monitors YAML file (see parseMonitorsYaml). */
export async function loadMonitorsFile(file: string): Promise<FileMonitor[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MonitorsFileError(`cannot read monitors file ${file}: ${(error as Error).message}`);
  }
  return parseMonitorsYaml(text, file);
}
