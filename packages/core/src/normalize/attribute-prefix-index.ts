import type { Attributes } from '../model/attributes.js';

interface PrefixIndex {
  attributes: Attributes;
  /** Keys by their first dotted segment with its dot (`a.` for `a.b.c`), in attribute order. */
  byHead: Map<string, string[]>;
}

let active: PrefixIndex | undefined;

function buildIndex(attributes: Attributes): PrefixIndex {
  const byHead = new Map<string, string[]>();
  for (const key of Object.keys(attributes)) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const head = key.slice(0, dot + 1);
    const list = byHead.get(head);
    if (list) list.push(key);
    else byHead.set(head, [key]);
  }
  return { attributes, byHead };
}

/**
 * Runs `read` with a prefix index of `attributes`, so every `keysUnder` lookup on that object
 * during the call costs one map lookup instead of a scan of all keys. Normalization calls
 * about ten prefix readers per span; the index is built once and dropped after.
 *
 * @example
 * withAttributePrefixIndex(span.attributes, () => keysUnder(span.attributes, 'llm.tools.'));
 */
export function withAttributePrefixIndex<T>(attributes: Attributes, read: () => T): T {
  const previous = active;
  active = buildIndex(attributes);
  try {
    return read();
  } finally {
    active = previous;
  }
}

/**
 * The keys of `attributes` that start with `prefix` and continue past it, in attribute order.
 *
 * @example
 * keysUnder({ 'a.b': 1, 'a.c': 2, b: 3 }, 'a.'); // ['a.b', 'a.c']
 */
export function keysUnder(attributes: Attributes, prefix: string): readonly string[] {
  const dot = prefix.indexOf('.');
  if (active !== undefined && active.attributes === attributes && dot >= 0) {
    const group = active.byHead.get(prefix.slice(0, dot + 1));
    if (group === undefined) return [];
    if (dot === prefix.length - 1) return group.filter((key) => key.length > prefix.length);
    return group.filter((key) => key.length > prefix.length && key.startsWith(prefix));
  }
  return Object.keys(attributes).filter(
    (key) => key.length > prefix.length && key.startsWith(prefix),
  );
}
