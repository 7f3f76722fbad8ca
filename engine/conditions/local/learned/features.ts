import type { AnalyzedText, TextSpan } from '../analysis.js';

// Token types that say something by their kind alone: an amount, an address, a smiley.
const TYPED_TOKENS = new Set(['number', 'ordinal', 'currency', 'email', 'url', 'emoji', 'emoticon', 'mention', 'hashtag', 'time']);

const MIN_WORD_FOR_LETTERS = 4;

/** The first token starting at or after an offset (tokens are in reading order). */
function firstTokenFrom(analysis: AnalyzedText, offset: number): number {
  let low = 0;
  let high = analysis.tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (analysis.tokens[middle].start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * What a linear model sees of a text (or of one span of it): word stems, negated stems, stem
 * pairs, letter triples of longer words (so "cancle" still shares most of "cancel") and the kind
 * of tokens that carry meaning by kind: amounts, addresses, emoji, unknown capitalised names.
 */
export function featuresOf(analysis: AnalyzedText, span?: TextSpan): string[] {
  const features = new Set<string>();
  let previous = '^';
  for (let index = span ? firstTokenFrom(analysis, span.start) : 0; index < analysis.tokens.length; index += 1) {
    const token = analysis.tokens[index];
    if (span && token.end > span.end) break;
    if (token.type === 'punctuation' || token.type === 'symbol') {
      if (token.lower === '?' || token.lower === '!') features.add(token.lower);
      previous = '|';
      continue;
    }
    if (TYPED_TOKENS.has(token.type)) {
      const kind = `<${token.type}>`;
      features.add(kind);
      // 👍 and 😡 say opposite things; numbers and addresses say nothing by their exact value.
      if (token.type === 'emoji' || token.type === 'emoticon') features.add(token.lower);
      features.add(`${previous} ${kind}`);
      previous = kind;
      continue;
    }
    const word = token.stem;
    if (!token.known && token.capitalized) features.add('<name>');
    if (token.negated) {
      features.add(`not ${word}`);
    } else {
      features.add(word);
      if (word.length >= MIN_WORD_FOR_LETTERS) {
        const padded = `#${token.lower}#`;
        for (let index = 0; index + 3 <= padded.length; index += 1) features.add(`~${padded.slice(index, index + 3)}`);
      }
    }
    features.add(`${previous} ${word}`);
    previous = word;
  }
  return [...features];
}
