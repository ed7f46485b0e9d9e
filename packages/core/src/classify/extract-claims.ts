/** A number stated in a text, with its normalized values. */
export interface NumberClaim {
  raw: string;
  /** The value as written (currency and separators removed), and scaled by any multiplier. */
  values: number[];
  /** Offset of the claim in the text. */
  index: number;
}

/** What an answer asserts that can be checked against its sources. */
export interface Claims {
  /** Citation keys as written: `1`, `doc-3`, `handbook.pdf`. */
  citations: string[];
  numbers: NumberClaim[];
  /** Capitalized names and acronyms that are not merely sentence openers. */
  entities: string[];
}

const NUMBER =
  /[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent\b|million\b|billion\b|thousand\b|bn\b|k\b))?/gi;
const BRACKET = /\[([^[\]\n]{1,60})\](?!\()/g;
const SOURCE = /\((?:sources?|ref|see)\s*:\s*([^()\n]{1,80})\)/gi;
const WORD = /[^\s]+/g;
const MULTIPLIERS: Record<string, number> = {
  million: 1e6,
  billion: 1e9,
  bn: 1e9,
  thousand: 1e3,
  k: 1e3,
};

/** Words that open sentences or address the reader, never names. */
const NOT_NAMES = new Set(
  (
    'a an and also according as at based but by dear do does for from good great hello here hi how however i if in is it ' +
    'its let many may more most my no not note of ok on once or our please see so some sorry sure thank thanks that the their ' +
    'then there these they this those to unfortunately we what when where which while who why with yes you your unless ' +
    'after before because both each every first finally next other since step summary answer question context source sources'
  ).split(' '),
);

/**
 * Pull citations, numbers and named entities out of an answer. Linear in the text length.
 *
 * @example
 * extractClaims('Acme Corp refunds 30% within 14 days [2].');
 * // { citations: ['2'], numbers: [30%, 14], entities: ['Acme Corp'] }
 */
export function extractClaims(text: string): Claims {
  return {
    citations: extractCitations(text),
    numbers: extractNumbers(text, true),
    entities: extractEntities(text),
  };
}

/** Citation keys in `[1]`, `[1, 2]`, `[doc-3]`, `[^4]` and `(Source: x)` form. */
export function extractCitations(text: string): string[] {
  const keys: string[] = [];
  for (const re of [BRACKET, SOURCE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      for (const part of (m[1] ?? '').split(/[,;]/)) {
        const key = part.replace(/^\s*(?:\^|source\s*:|doc(?:ument)?\s+(?=\d))/i, '').trim();
        if (key && key.length <= 60 && !/\s{2,}/.test(key)) keys.push(key);
      }
    }
  }
  return [...new Set(keys)];
}

/**
 * Numbers with their normalized values. With `claimsOnly`, skips what is rarely a factual
 * claim: list numbering, citation markers, parts of identifiers (gpt-4o, A3) and bare
 * integers up to 10.
 */
export function extractNumbers(text: string, claimsOnly = false): NumberClaim[] {
  const out: NumberClaim[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const raw = m[0].replace(/,+$/, '');
    const index = m.index;
    const before = index > 0 ? (text[index - 1] ?? '') : '';
    const after = text[index + m[0].length] ?? '';
    const digits = raw.replace(/^[$€£]/, '').replace(/,/g, '');
    const base = Number.parseFloat(digits);
    if (!Number.isFinite(base)) continue;
    const unit = /(million|billion|thousand|bn|k)$/i.exec(raw.trim())?.[1]?.toLowerCase();
    const values = unit ? [base, base * (MULTIPLIERS[unit] ?? 1)] : [base];
    if (claimsOnly) {
      if (
        /[A-Za-z_\-/.]/.test(before) ||
        /[A-Za-z]/.test(after) ||
        before === '[' ||
        before === '^'
      )
        continue;
      if ((after === '.' || after === ')') && atLineStart(text, index)) continue;
      const plain =
        !/[$€£%]|percent|million|billion|thousand|bn|k$/i.test(raw) && !raw.includes('.');
      if (plain && base <= 10) continue;
    }
    out.push({ raw, values, index });
  }
  return out;
}

function atLineStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/** Capitalized word runs and acronyms; a single capitalized word opening a sentence is skipped. */
export function extractEntities(text: string): string[] {
  const found = new Set<string>();
  let run: string[] = [];
  let runAtStart = false;
  let sentenceStart = true;
  const flush = (): void => {
    const words =
      runAtStart && run.length > 1 && NOT_NAMES.has(run[0]!.toLowerCase()) ? run.slice(1) : run;
    if (
      words.length > 1 ||
      (words.length === 1 && !runAtStart) ||
      (words.length === 1 && isAcronym(words[0]!))
    ) {
      const name = words.join(' ');
      if (!(words.length === 1 && NOT_NAMES.has(name.toLowerCase()))) found.add(name);
    }
    run = [];
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const token = m[0];
    const word = token.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    const leadingBreak = /^[([{"'*_#>-]/.test(token) && run.length > 0;
    if (leadingBreak) flush();
    const capital = word.length > 1 && /^[A-Z]/.test(word) && /[a-z]|^[A-Z0-9&]{2,6}$/.test(word);
    if (capital) {
      if (run.length === 0) runAtStart = sentenceStart || precededByLineBreak(text, m.index);
      run.push(word);
    } else if (run.length > 0) flush();
    const trailing = token.replace(/[*_"')\]]+$/, '');
    const endsClause = /[.!?:;,]$/.test(trailing) || /[)\]"]$/.test(token);
    if (endsClause && run.length > 0) flush();
    sentenceStart =
      /[.!?:]$/.test(trailing) || token.startsWith('#') || /^[-*\d]+[.)]?$/.test(token);
  }
  if (run.length > 0) flush();
  return [...found];
}

function isAcronym(word: string): boolean {
  return /^[A-Z][A-Z0-9&]{1,5}$/.test(word);
}

function precededByLineBreak(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '-' && c !== '*' && c !== '>' && c !== '#') return false;
  }
  return true;
}
