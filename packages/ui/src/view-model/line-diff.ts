/** One row of a side-by-side diff: the line on each side, or none where one side has no line. */
export interface DiffRow {
  kind: 'same' | 'removed' | 'added' | 'changed';
  left?: { n: number; text: string };
  right?: { n: number; text: string };
}

/** Most cells of the longest-common-subsequence table; larger texts diff line by line in order. */
const MAX_CELLS = 4_000_000;

/**
 * A side-by-side line diff by longest common subsequence. Runs of removed lines followed by
 * added ones pair up as `changed` rows, as a reviewer reads them.
 *
 * @example
 * sideBySideDiff('a\nb', 'a\nc'); // [{kind:'same',...}, {kind:'changed', left:{n:2,text:'b'}, right:{n:2,text:'c'}}]
 */
export function sideBySideDiff(before: string, after: string): DiffRow[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops = (a.length + 1) * (b.length + 1) <= MAX_CELLS ? lcsOps(a, b) : naiveOps(a, b);
  const rows: DiffRow[] = [];
  let removed: DiffRow[] = [];
  let added: DiffRow[] = [];
  const flush = () => {
    const pairs = Math.max(removed.length, added.length);
    for (let i = 0; i < pairs; i++) {
      const left = removed[i]?.left;
      const right = added[i]?.right;
      rows.push({
        kind: left && right ? 'changed' : left ? 'removed' : 'added',
        ...(left ? { left } : {}),
        ...(right ? { right } : {}),
      });
    }
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === '=') {
      flush();
      rows.push({
        kind: 'same',
        left: { n: i + 1, text: a[i]! },
        right: { n: j + 1, text: b[j]! },
      });
      i++;
      j++;
    } else if (op === '-') {
      removed.push({ kind: 'removed', left: { n: i + 1, text: a[i]! } });
      i++;
    } else {
      added.push({ kind: 'added', right: { n: j + 1, text: b[j]! } });
      j++;
    }
  }
  flush();
  return rows;
}

type Op = '=' | '-' | '+';

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS of a[i..] and b[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] =
        a[i] === b[j]
          ? lengths[at(i + 1, j + 1)]! + 1
          : Math.max(lengths[at(i + 1, j)]!, lengths[at(i, j + 1)]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push('=');
      i++;
      j++;
    } else if (lengths[at(i + 1, j)]! >= lengths[at(i, j + 1)]!) {
      ops.push('-');
      i++;
    } else {
      ops.push('+');
      j++;
    }
  }
  while (i++ < n) ops.push('-');
  while (j++ < m) ops.push('+');
  return ops;
}

function naiveOps(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (k < a.length && k < b.length && a[k] === b[k]) ops.push('=');
    else {
      if (k < a.length) ops.push('-');
      if (k < b.length) ops.push('+');
    }
  }
  return ops;
}

/**
 * The text a version is compared by: a prompt's messages as `[role]` headers over their
 * content, any other content as indented JSON, then its config.
 *
 * @example versionText({ content: [{ role: 'system', content: 'Be brief.' }], config: {} })
 */
export function versionText(version: {
  content: unknown;
  config: Record<string, unknown>;
}): string {
  const { content, config } = version;
  const messages =
    Array.isArray(content) &&
    content.every(
      (m) =>
        typeof m === 'object' && m !== null && typeof (m as { role?: unknown }).role === 'string',
    );
  const body = messages
    ? (content as { role: string; content?: unknown }[])
        .map(
          (m) =>
            `[${m.role}]\n${typeof m.content === 'string' ? m.content : JSON.stringify(m.content, null, 2)}`,
        )
        .join('\n')
    : typeof content === 'string'
      ? content
      : JSON.stringify(content, null, 2);
  const settings =
    Object.keys(config).length === 0 ? '' : `\n[config]\n${JSON.stringify(config, null, 2)}`;
  return `${body}${settings}`;
}
