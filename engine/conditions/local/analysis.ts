import vader from 'vader-sentiment';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import { cleanUserText } from './clean-text.js';

export interface Token {
  start: number;
  end: number;
  lower: string;
  /** In the scope of a negation ("not", "n't", "no", "never", …) close before it in its sentence. */
  negated: boolean;
  /** In wink's English vocabulary; brand names and misspellings usually are not. */
  known: boolean;
  /** Porter stem of the lower-cased word ("cancelling" → "cancel"). */
  stem: string;
  /** wink's token type: word, number, email, url, currency, emoji, emoticon, punctuation, … */
  type: string;
  /** Written with a capital first letter. */
  capitalized: boolean;
}

export interface TextSpan {
  start: number;
  end: number;
}

export interface Entity extends TextSpan {
  type: string;
  value: string;
}

export interface AnalyzedText {
  /** The cleaned text every offset refers to. */
  text: string;
  tokens: Token[];
  sentences: TextSpan[];
  entities: Entity[];
  /** VADER's compound score (−1…1) of a part of the text; VADER is the slowest step, so only on demand. */
  sentimentOf(span: TextSpan): number;
}

interface SharedNlp {
  wink: WinkMethods;
  /** wink numbers words outside its vocabulary from here on, in the order it first meets them. */
  firstUnknownWordId: number;
}

let sharedNlp: SharedNlp | undefined;

// wink remembers every unknown word it meets (~200 bytes each); a long-running engine reads
// endless names, typos and addresses, so the model is reloaded after this many.
const MAX_LEARNED_WORDS = 100_000;

/** wink's model takes ~100 ms to load, so it loads on first use and every evaluator shares it. */
function nlp(): SharedNlp {
  if (!sharedNlp) {
    const wink = winkNLP(model);
    const probe = wink.readDoc('qxzjvwkq').tokens().out(wink.its.uniqueId) as unknown as number[];
    sharedNlp = { wink, firstUnknownWordId: probe[0] };
  }
  return sharedNlp;
}

const NEGATION_CUES = new Set(['not', "n't", 'nt', 'no', 'never', 'none', 'neither', 'nor', 'without', 'nobody', 'nothing', 'hardly']);

// "can't edit my details" is an inability, not an unwillingness: the user still wants it done.
const INABILITY_AUXILIARIES = new Set(['ca', 'can', 'could', 'cannot']);

// wink's negation scope runs to the next punctuation; a cue further back than this rarely governs the word.
const NEGATION_REACH = 4;

// A new clause ends a negation's scope: "I don't know how to cancel", "not sure but I want a refund".
const SCOPE_BREAKERS = new Set(['how', 'where', 'why', 'when', 'what', 'whether', 'which', 'but', 'so', 'because', 'cuz', 'though', 'although', 'instead', 'please', 'pls', 'plz', 'and', 'then']);

// "no I want to cancel", "no thanks, just the refund": "no" answers the question before it.
const ANSWER_AFTER_NO = new Set(['i', "i'm", 'im', 'we', "we're", 'thanks', 'thank', 'just', 'please', 'pls', 'actually', 'sorry', 'wait', 'ok', 'okay']);

function tokenOffsets(text: string, values: string[]): TextSpan[] {
  let cursor = 0;
  return values.map((value) => {
    const found = text.indexOf(value, cursor);
    const start = found < 0 ? cursor : found;
    cursor = start + value.length;
    return { start, end: cursor };
  });
}

/** A user's message, cleaned of text addressed to the judge (see clean-text.ts) and analysed. */
export function analyzeText(rawText: string): AnalyzedText {
  return analyzeCleanText(cleanUserText(rawText));
}

/** Text analysed as it is: a marketer's prompt, which is trusted and may say "the user wants…". */
export function analyzeCleanText(text: string): AnalyzedText {
  const { wink, firstUnknownWordId } = nlp();
  const { its } = wink;
  const doc = wink.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const negationFlags = doc.tokens().out(its.negationFlag) as unknown as boolean[];
  const wordIds = doc.tokens().out(its.uniqueId) as unknown as number[];
  const stems = doc.tokens().out(its.stem as never) as unknown as string[];
  const types = doc.tokens().out(its.type) as string[];
  if (wordIds.some((id) => id - firstUnknownWordId > MAX_LEARNED_WORDS)) sharedNlp = undefined;
  const offsets = tokenOffsets(text, values);
  const sentenceTokenSpans = (doc.sentences().out(its.span) as unknown as [number, number][]).filter(
    ([first, last]) => first <= last && last < values.length,
  );
  const sentenceOfToken = new Array<number>(values.length).fill(0);
  sentenceTokenSpans.forEach(([first, last], sentence) => {
    for (let index = first; index <= last; index += 1) sentenceOfToken[index] = sentence;
  });
  const lowerValues = values.map((value) => value.toLowerCase());
  const tokens = values.map((_value, index): Token => {
    let cueNearby = false;
    for (let back = index - 1; back >= Math.max(0, index - NEGATION_REACH) && sentenceOfToken[back] === sentenceOfToken[index]; back -= 1) {
      if (SCOPE_BREAKERS.has(lowerValues[back])) break;
      const answersNo = lowerValues[back] === 'no' && ANSWER_AFTER_NO.has(lowerValues[back + 1]);
      if (NEGATION_CUES.has(lowerValues[back]) && !INABILITY_AUXILIARIES.has(lowerValues[back - 1]) && !answersNo) cueNearby = true;
    }
    return {
      ...offsets[index],
      lower: lowerValues[index],
      negated: Boolean(negationFlags[index]) && cueNearby,
      known: wordIds[index] < firstUnknownWordId,
      stem: stems[index].toLowerCase(),
      type: types[index],
      capitalized: /^\p{Lu}/u.test(values[index]),
    };
  });
  const entityDetails = doc.entities().out(its.detail) as unknown as { value: string; type: string }[];
  const entitySpans = doc.entities().out(its.span) as unknown as [number, number][];
  const entities = entityDetails.map((detail, index) => ({
    type: detail.type,
    value: detail.value,
    start: offsets[entitySpans[index][0]].start,
    end: offsets[entitySpans[index][1]].end,
  }));
  const sentences = sentenceTokenSpans.map(([first, last]) => ({ start: offsets[first].start, end: offsets[last].end }));
  return {
    text,
    tokens,
    sentences,
    entities,
    sentimentOf: (span) => vader.SentimentIntensityAnalyzer.polarity_scores(text.slice(span.start, span.end)).compound,
  };
}

/** Whether wink knows the word as ordinary English ("compass", "target"), unlike "Calendly". */
export function isKnownWord(word: string): boolean {
  const { wink, firstUnknownWordId } = nlp();
  const ids = wink.readDoc(word.toLowerCase()).tokens().out(wink.its.uniqueId) as unknown as number[];
  return ids.length > 0 && ids.every((id) => id < firstUnknownWordId);
}
