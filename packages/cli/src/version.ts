import { readFileSync } from 'node:fs';

/** This package's version, read from its package.json (one level up from src/ and dist/). */
export function cliVersion(): string {
  const raw = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(raw) as { version: string }).version;
}
