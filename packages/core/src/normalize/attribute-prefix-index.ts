import type { Attributes } from '../model/attributes.js';

interface PrefixIndex {
  attributes: Attributes;
  /** Keys by every dotted prefix they have (`a.` and `a.b.` for `a.b.c`), in attribute order. */
  byPrefix: Map<string, string[]>;
}

let active: PrefixIndex | undefined;

function buildIndex(attributes: Attributes): PrefixIndex {
  const byPrefix = new Map<string, string[]>();
  for (const key of Object.keys(attributes)) {
    let dot = key.indexOf('.');
    // A key that ends in its dot is not "under" that prefix (nothing follows it).
    while (dot >= 0 && dot < key.length - 1) {
      const prefix = key.slice(0, dot + 1);
      const list = byPrefix.get(prefix);
      if (list) list.push(key);
      else byPrefix.set(prefix, [key]);
      dot = key.indexOf('.', dot + 1);
    }
  }
  return { attributes, byPrefix };
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
  if (active !== undefined && active.attributes === attributes && prefix.endsWith('.')) {
    return active.byPrefix.get(prefix) ?? [];
  }
  return Object.keys(attributes).filter(
    (key) => key.length > prefix.length && key.startsWith(prefix),
  );
}
