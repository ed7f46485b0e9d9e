import type { AttributeValue, Attributes } from '../model/attributes.js';
import { keysUnder } from './attribute-prefix-index.js';

interface Node {
  children: Map<string, Node>;
  value?: AttributeValue;
}

const INDEX = /^\d+$/;

/**
 * Rebuilds flattened indexed keys (`prefix.N.a.b.M.c`) into an array of nested objects, the
 * shape the instrumentation flattened. Numeric segments become array positions (ordered by
 * index, gaps closed); other segments become object keys. When a key is both a value and a
 * branch (`x.0.a` and `x.0.a.b`), the branch wins and the value is kept under `''`.
 *
 * @example
 * rebuildIndexed({ 'llm.input_messages.0.message.role': 'user' }, 'llm.input_messages');
 * // => [{ message: { role: 'user' } }]
 */
export function rebuildIndexed(attributes: Attributes, prefix: string): AttributeValue[] {
  const root: Node = { children: new Map() };
  const lead = `${prefix}.`;
  for (const key of keysUnder(attributes, lead)) {
    const value = attributes[key]!;
    const path = key.slice(lead.length).split('.');
    if (!INDEX.test(path[0] ?? '')) continue;
    let node = root;
    for (const segment of path) {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.value = value;
  }
  const built = build(root);
  return Array.isArray(built) ? built : [];
}

function build(node: Node): AttributeValue {
  if (node.children.size === 0) return node.value ?? null;
  const entries = [...node.children.entries()];
  if (node.value === undefined && entries.every(([key]) => INDEX.test(key))) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, child]) => build(child));
  }
  const out: Record<string, AttributeValue> = {};
  if (node.value !== undefined) out[''] = node.value;
  for (const [key, child] of entries) out[key] = build(child);
  return out;
}
