/**
 * Why `id` cannot be a trace id, in words for the page, or undefined when it is one (32
 * hexadecimal digits, OpenTelemetry's form). A span id (16 digits) is named as such.
 *
 * @example
 * traceIdProblem('not-a-hex-id'); // '"not-a-hex-id" is not a trace id: …'
 */
export function traceIdProblem(id: string): string | undefined {
  if (/^[0-9a-f]{32}$/i.test(id)) return undefined;
  const shown = JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
  if (/^[0-9a-f]{16}$/i.test(id)) {
    return `${shown} looks like a span id (16 hexadecimal digits); a trace id has 32.`;
  }
  const bad = [...id].find((c) => !/[0-9a-f]/i.test(c));
  const reason =
    bad !== undefined
      ? `it holds ${JSON.stringify(bad)}, which is not a hexadecimal digit`
      : `it has ${id.length} digits`;
  return `${shown} is not a trace id: trace ids are 32 hexadecimal digits (0-9, a-f), and ${reason}.`;
}
