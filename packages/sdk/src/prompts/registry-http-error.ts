/** A failed call to the registry: the HTTP status when the server answered, else none. */
export class RegistryHttpError extends Error {
  override readonly name = 'RegistryHttpError';

  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
