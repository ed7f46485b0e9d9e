const anyObject = { type: 'object', additionalProperties: true } as const;

export const monitorBodySchema = anyObject;

export const monitorSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    metric: { type: 'string' },
    detector: { type: 'string' },
    origin: { type: 'string', enum: ['default', 'api', 'file'] },
    enabled: { type: 'boolean' },
  },
} as const;

export const itemsOf = (item: object): object => ({
  type: 'object',
  properties: { items: { type: 'array', items: item } },
  required: ['items'],
});

export const idParamsSchema = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['id'],
} as const;

export const alertListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['open', 'acknowledged', 'resolved'] },
    monitorId: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;

export const incidentListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['open', 'resolved'] },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;

export const metricsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['metric'],
  properties: {
    metric: { type: 'string', minLength: 1 },
    segment: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    bucket: { type: 'string', pattern: '^[0-9]+(ms|s|m|h|d)?$' },
  },
} as const;

export const documentSchema = anyObject;
