import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const RESULTS = new URL('../RESULTS.md', import.meta.url);
const HEADER =
  '# Glassbox benchmark results\n\nWritten by the `npm run bench:*` scripts (`npm run bench` runs them all); each run replaces its own dated section.\n';

/**
 * Writes `body` under the heading `## <title>` in bench/RESULTS.md, replacing a section with
 * the same heading (same benchmark, same date) or appending a new one.
 */
export function writeResultsSection(title, body) {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : HEADER;
  const heading = `## ${title}\n`;
  const section = `${heading}\n${body.trim()}\n`;
  const start = text.indexOf(heading);
  let next;
  if (start === -1) {
    next = `${text.trimEnd()}\n\n${section}`;
  } else {
    const after = text.indexOf('\n## ', start + heading.length);
    const end = after === -1 ? text.length : after + 1;
    next = `${text.slice(0, start)}${section}${after === -1 ? '' : '\n'}${text.slice(end)}`;
  }
  writeFileSync(RESULTS, next.trimEnd() + '\n');
  return RESULTS.pathname;
}

/** A markdown table from a header row and data rows. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
