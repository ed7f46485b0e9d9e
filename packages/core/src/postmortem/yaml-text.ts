/** A value the YAML writer accepts: what JSON holds. */
export type YamlValue =
  string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/**
 * YAML text for a JSON-like value. Strings are double-quoted (JSON string syntax is valid
 * YAML), so no value can be misread as another type or break the document.
 *
 * @example
 * toYaml({ root_cause: { category: 'retrieval' } }) // 'root_cause:\n  category: "retrieval"\n'
 */
export function toYaml(value: YamlValue): string {
  return lines(value, 0).join('\n') + '\n';
}

function lines(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isBlock(item)) {
        const [first, ...rest] = lines(item, indent + 2);
        return [`${pad}- ${first!.trimStart()}`, ...rest];
      }
      return [`${pad}- ${scalar(item)}`];
    });
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([key, item]) =>
      isBlock(item)
        ? [`${pad}${key}:`, ...lines(item, indent + 2)]
        : [`${pad}${key}: ${scalar(item)}`],
    );
  }
  return [`${pad}${scalar(value)}`];
}

function isBlock(value: YamlValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

function scalar(value: YamlValue): string {
  if (Array.isArray(value)) return '[]';
  if (value !== null && typeof value === 'object') return '{}';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '.nan';
  return String(value);
}
