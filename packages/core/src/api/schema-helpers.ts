import type { SchemaOptions, Static, TOptional, TSchema, TUnsafe } from '@sinclair/typebox';
import { CloneType, Type } from './type-builder.js';

/**
 * A string limited to `values`, published as JSON Schema `enum` (what validation messages
 * and the OpenAPI document name), typed as the union of the values.
 *
 * @example
 * const kind = stringEnum(SPAN_KINDS); // { type: 'string', enum: [...] }, Static: SpanKind
 */
export function stringEnum<const T extends string>(
  values: readonly T[],
  options: SchemaOptions = {},
): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: values, ...options });
}

/**
 * A schema that documents a domain type of core: the schema lists fields for validation, the
 * serializer and the OpenAPI document; the static type is the domain type itself. The
 * compiler checks that the domain type fits what the schema says, so the two cannot drift.
 *
 * @example
 * const trace = modelled<TraceSummary>()(Type.Object({ traceId: Type.String() }, OPEN));
 */
export function modelled<T>() {
  return <S extends TSchema>(schema: S & (T extends Static<S> ? unknown : never)): TUnsafe<T> =>
    Type.Unsafe<T>(schema);
}

/**
 * Response objects stay open: a field added to the model is never silently dropped by the
 * serializer.
 */
export const OPEN = { additionalProperties: true } as const;

/** An object of any fields. */
export const anyObject = (options: SchemaOptions = {}) =>
  Type.Unsafe<object>({ type: 'object', ...OPEN, ...options });

/** An object whose every value has `value`'s type, e.g. counts per category. */
export function recordOf<T>(
  value: TSchema,
  options: SchemaOptions = {},
): TUnsafe<Record<string, T>> {
  return Type.Unsafe<Record<string, T>>({
    type: 'object',
    ...options,
    additionalProperties: value,
  });
}

export const stringMap = () => recordOf<string>(Type.String());
export const strings = (options: SchemaOptions = {}) => Type.Array(Type.String(), options);

/** Marks, in types only, a parameter the server fills with its default. */
export declare const DEFAULTED: unique symbol;

/** An optional parameter the server fills with its default: present once validated. */
export type TDefaulted<T extends TSchema> = TOptional<T> & { readonly [DEFAULTED]: true };

/**
 * An optional parameter with a default; the server sees it filled in (ValidatedQueryOf).
 *
 * @example
 * limit: defaulted(Type.Integer({ minimum: 1, maximum: 500 }), 50)
 */
export function defaulted<T extends TSchema>(schema: T, value: Static<T>): TDefaulted<T> {
  return Type.Optional(CloneType(schema, { default: value })) as TDefaulted<T>;
}
