import type { Random } from '../util/seeded-random.js';

/** Numbers that appear in a text, as written (e.g. "30", "4.5"). */
export function numbersIn(text: string): string[] {
  return text.match(/\d+(?:[.,]\d+)?/g) ?? [];
}

/** An integer in [min, max] that does not appear anywhere in `avoid`. */
export function freshNumber(rng: Random, min: number, max: number, avoid: string): string {
  const taken = new Set(numbersIn(avoid));
  for (let i = 0; i < 50; i++) {
    const candidate = String(rng.int(min, max));
    if (!taken.has(candidate)) return candidate;
  }
  return String(max + 1 + rng.int(1, 1000));
}

/** A citation id shaped like the real ones (doc-3 -> doc-41) but absent from the context. */
export function fakeCitation(rng: Random, realIds: readonly string[]): string {
  const sample = realIds[0] ?? 'source-1';
  const prefix = /^(.*?)(\d+)$/.exec(sample)?.[1] ?? `${sample}-`;
  const used = new Set(realIds);
  for (let i = 0; i < 50; i++) {
    const id = `${prefix}${rng.int(12, 99)}`;
    if (!used.has(id)) return id;
  }
  return `${prefix}${100 + rng.int(0, 899)}x`;
}

/** Replaces every number of a sentence with a different one not found in `context`. */
export function alterNumbers(sentence: string, rng: Random, context: string): string {
  return sentence.replace(/\d+(?:[.,]\d+)?/g, (n) => {
    const value = Number(n.replace(',', '.'));
    const span = Math.max(3, Math.round(value * 0.6));
    return freshNumber(rng, Math.max(1, value - span), value + span + 5, context);
  });
}

/** A confident, specific claim about a subject, with invented numbers. */
export function inventedClaim(rng: Random, subject: string, context: string): string {
  const year = freshNumber(rng, 1994, 2019, context);
  const pct = freshNumber(rng, 11, 87, context);
  const days = freshNumber(rng, 3, 45, context);
  const templates = [
    `${capitalize(subject)} was last revised in ${year} and now applies to ${pct}% of cases`,
    `${capitalize(subject)} usually takes ${days} business days, according to the ${year} guidelines`,
    `About ${pct}% of customers are affected by ${subject}, a figure unchanged since ${year}`,
    `${capitalize(subject)} is capped at ${days} per account under the ${year} terms`,
  ];
  return rng.pick(templates);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
