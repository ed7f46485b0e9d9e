/** An OpenTelemetry attribute value after decoding: scalars, arrays and key-value lists. */
export type AttributeValue =
  string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** Attributes keyed by their dotted names, exactly as the instrumentation sent them. */
export type Attributes = Record<string, AttributeValue>;
