import { API_ERROR_CODE_LIST, API_ERROR_CODES, errorBody } from '@glassbox/core/api';
import { httpStatusOf } from './http-status.js';

/**
 * The error body schema as the OpenAPI document publishes it: every code with its HTTP
 * status and meaning, from the contract's code table and the server's status map.
 */
export const documentedErrorBody = errorBody(
  `Every error. Codes: ${API_ERROR_CODE_LIST.map((c) => `${c} (${httpStatusOf(c)}) ${API_ERROR_CODES[c]}`).join(' ')}`,
);
