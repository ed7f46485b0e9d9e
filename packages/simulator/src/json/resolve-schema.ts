import type { JsonSchema } from '../chat/chat-types.js';

/** Follows a local `$ref` (`#/$defs/X`, `#/definitions/X`) against the root schema. */
export function resolveSchema(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const path = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
    let target: unknown = root;
    for (const key of path) {
      target = (target as Record<string, unknown> | undefined)?.[decodeURIComponent(key)];
    }
    if (!target || typeof target !== 'object') return {};
    current = target as JsonSchema;
  }
  return current;
}

/** The first non-null type a schema allows, or one inferred from its keywords. */
export function primaryType(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nonNull = types.find((t) => t !== 'null') ?? types[0];
  if (nonNull) return nonNull;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}
