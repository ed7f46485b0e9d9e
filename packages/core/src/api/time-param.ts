import type { StringOptions } from '@sinclair/typebox';
import { Type } from './type-builder.js';

const DESCRIPTION = 'Epoch milliseconds or an ISO 8601 date-time.';

/**
 * A time query parameter: epoch milliseconds or an ISO 8601 date-time (the server parses it
 * and names the parameter when it cannot). `more` is added to the description.
 *
 * @example
 * timeParam('Exclusive. Default: now.');
 */
export function timeParam(more?: string, options: StringOptions = {}) {
  return Type.String({
    description: more === undefined ? DESCRIPTION : `${DESCRIPTION} ${more}`,
    ...options,
  });
}
