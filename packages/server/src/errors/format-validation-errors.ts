interface SchemaError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Fastify's schemaErrorFormatter: one message naming each failing parameter, including the
 * name of an unexpected one (Ajv's own text leaves it out).
 *
 * @example
 * // 'querystring must NOT have additional properties: "colour"'
 */
export function formatValidationErrors(errors: readonly SchemaError[], dataVar: string): Error {
  const parts = errors.map((error) => {
    const path = `${dataVar}${(error.instancePath ?? '').replace(/^\//, '/')}`;
    const extra = error.params?.additionalProperty;
    const allowed = error.params?.allowedValues;
    return [
      `${path} ${error.message ?? 'is invalid'}`,
      typeof extra === 'string' ? `: ${JSON.stringify(extra)}` : '',
      Array.isArray(allowed) ? `: ${allowed.join(', ')}` : '',
    ].join('');
  });
  return new Error(parts.join('; '));
}
