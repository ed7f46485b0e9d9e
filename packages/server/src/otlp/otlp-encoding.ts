/** The two OTLP/HTTP wire encodings, chosen by the request's Content-Type. */
export type OtlpEncoding = 'protobuf' | 'json';

const MEDIA_TYPES: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/json': 'json',
};

/**
 * The encoding named by a Content-Type header (parameters such as charset ignored), or
 * undefined for any other media type.
 *
 * @example
 * otlpEncodingOf('application/json; charset=utf-8') // 'json'
 */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  if (!contentType) return undefined;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPES[mediaType];
}
