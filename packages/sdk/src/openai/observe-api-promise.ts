import { reportInternal } from '../runtime/active-sdk.js';

export interface Observer {
  /** Sees the parsed data; returns what the application receives (the same object, or a wrapped stream). */
  onData(
    data: unknown,
    response: { headers?: { get(name: string): string | null } } | undefined,
  ): unknown;
  onError(error: unknown): void;
}

interface ApiPromiseLike {
  _thenUnwrap(transform: (data: unknown, props: { response?: unknown }) => unknown): unknown;
  asResponse(): Promise<unknown>;
}

/**
 * Observes the result of an openai client method without changing what the application gets:
 * an `APIPromise` stays an `APIPromise` (`withResponse()`, `asResponse()` keep working, and the
 * body is parsed only when the application asks), a plain promise stays a promise. Errors reach
 * the application unchanged.
 */
export function observeApiPromise(result: unknown, observer: Observer): unknown {
  const onData = (data: unknown, response: unknown): unknown => {
    try {
      return observer.onData(data, response as Parameters<Observer['onData']>[1]);
    } catch (error) {
      reportInternal('observing an OpenAI response', error);
      return data;
    }
  };
  const onError = (error: unknown): void => {
    try {
      observer.onError(error);
    } catch (failure) {
      reportInternal('observing an OpenAI error', failure);
    }
  };
  if (isApiPromise(result)) {
    // asResponse() rejects with the client's error (HTTP status, timeout, connection) without parsing the body.
    result.asResponse().then(undefined, onError);
    return result._thenUnwrap((data, props) => onData(data, props?.response));
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (data) => onData(data, undefined),
      (error: unknown) => {
        onError(error);
        throw error;
      },
    );
  }
  return onData(result, undefined);
}

function isApiPromise(value: unknown): value is ApiPromiseLike {
  const candidate = value as Partial<ApiPromiseLike> | null;
  return typeof candidate?._thenUnwrap === 'function' && typeof candidate.asResponse === 'function';
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
