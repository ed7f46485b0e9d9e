/** A piece of a document's text, marked when the answer reused it. */
export interface TextSegment {
  text: string;
  used: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,%$€£-]*/gu;

/**
 * Splits `content` into segments, marking the runs of words the answer repeats: any run of
 * `minRun` consecutive words found in the answer (case and punctuation ignored), and number
 * tokens (prices, dates, counts) the answer quotes, since those are what a grounded answer
 * copies most often.
 *
 * @example
 * highlightUsedText('The Pro plan costs $49 per month.', 'It costs $49 per month.', 3);
 * // [{ text: 'The Pro plan ', used: false }, { text: 'costs $49 per month', used: true }, { text: '.', used: false }]
 */
export function highlightUsedText(content: string, answer: string, minRun = 4): TextSegment[] {
  if (!content) return [];
  const answerWords = words(answer).map((w) => w.norm);
  if (answerWords.length === 0) return [{ text: content, used: false }];
  const grams = new Set<string>();
  for (let i = 0; i + minRun <= answerWords.length; i++) {
    grams.add(answerWords.slice(i, i + minRun).join(' '));
  }
  const answerNumbers = new Set(answerWords.filter(isNumberToken));
  const docWords = words(content);
  const used = new Array<boolean>(docWords.length).fill(false);
  for (let i = 0; i + minRun <= docWords.length; i++) {
    const gram = docWords
      .slice(i, i + minRun)
      .map((w) => w.norm)
      .join(' ');
    if (grams.has(gram)) used.fill(true, i, i + minRun);
  }
  docWords.forEach((w, i) => {
    if (isNumberToken(w.norm) && answerNumbers.has(w.norm)) used[i] = true;
  });
  return segmentsOf(content, docWords, used);
}

interface Word {
  start: number;
  end: number;
  norm: string;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0].replace(/[.,]+$/, '');
    const norm = raw.toLowerCase().replace(/[’']/g, "'");
    if (norm) out.push({ start: match.index, end: match.index + raw.length, norm });
  }
  return out;
}

function isNumberToken(norm: string): boolean {
  return /\d/.test(norm) && norm.replace(/\D/g, '').length >= 2;
}

function segmentsOf(content: string, docWords: Word[], used: boolean[]): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (text: string, isUsed: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.used === isUsed) last.text += text;
    else segments.push({ text, used: isUsed });
  };
  let cursor = 0;
  docWords.forEach((word, i) => {
    const isUsed = used[i] === true;
    const gap = content.slice(cursor, word.start);
    // A gap between two used words belongs to the highlighted run.
    push(gap, isUsed && i > 0 && used[i - 1] === true);
    push(content.slice(word.start, word.end), isUsed);
    cursor = word.end;
  });
  push(content.slice(cursor), false);
  return segments;
}
