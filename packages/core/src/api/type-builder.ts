import {
  Array as ArrayType,
  Boolean as BooleanType,
  CloneType,
  Integer,
  Null,
  Number as NumberType,
  Object as ObjectType,
  Optional,
  String as StringType,
  Union,
  Unknown,
  Unsafe,
} from '@sinclair/typebox';

/**
 * The slice of TypeBox's `Type` builder the contract uses. Its functions are imported by
 * name so that a browser bundle carries only these (TypeBox's whole `Type` namespace is
 * about 46 kB minified; these are about 3 kB).
 *
 * @example
 * Type.Object({ id: Type.String({ minLength: 1 }) });
 */
export const Type = {
  Array: ArrayType,
  Boolean: BooleanType,
  Integer,
  Null,
  Number: NumberType,
  Object: ObjectType,
  Optional,
  String: StringType,
  Union,
  Unknown,
  Unsafe,
};

export { CloneType };
