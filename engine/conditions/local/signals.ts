import type { AnalyzedText, TextSpan } from './analysis.js';

export interface UserTurn {
  analysis: AnalyzedText;
  /** The assistant's message just before this one, if any: what a short "yes please" answers. */
  priorAssistantText?: string;
}

export interface Hit extends TextSpan {
  text: string;
  sentence: TextSpan;
}

export interface HitRules {
  /** Skip a hit in the scope of a negation ("I don't want to cancel"). */
  negatable?: boolean;
  /** Skip a hit in a conditional or counterfactual ("if we booked…", "I'd buy it if it were…"). */
  factualOnly?: boolean;
  /** Skip a hit when this matches the sentence it is in. */
  unlessSentence?: RegExp;
}

// Negations wink's scope does not cover.
const UNFLAGGED_NEGATION = /\b(?:nothing|nobody|no one|zero|without|instead of|rather than|no need (?:to|for))\s+(?:[\w'-]+\s+){0,2}$|\b(?:don't|do not|didn't|did not|never) (?:really )?(?:think|believe|reckon|feel like|guess)\s+(?:that\s+)?(?:i|we)\s+(?:[\w'-]+\s+){0,4}$/i;

const CONDITIONAL = /(?<!\b(?:wonder|wondering|see|know|check|ask|asking|sure|tell me|find out|curious|unsure|even)\s)\b(?:if|unless|in case|hypothetically|suppose|supposing|assuming)\b(?!,?\s(?:possible|at all possible|you can|you could|you would|you will|you have|you don't mind|you do not mind|it's not too much|it is not too much|that's (?:ok|okay|fine|alright|possible)|that is (?:ok|okay|fine|possible)|it's (?:ok|okay|possible|alright)|so|needed|necessary|any)\b)/i;
const MODAL_BEFORE = /\b(?:would|'d|could|might)\s+(?:[\w'-]+\s+){0,3}$/i;
const CONDITION_AFTER = /\bif\b(?!\s(?:possible|you can|you could|you have|that's (?:ok|okay|fine|alright)|that works|so|needed|necessary)\b)/i;

export function sentenceAt(analysis: AnalyzedText, index: number): TextSpan {
  return analysis.sentences.find((sentence) => index >= sentence.start && index < sentence.end) ?? { start: 0, end: analysis.text.length };
}

function clauseBefore(analysis: AnalyzedText, hit: Hit): string {
  const before = analysis.text.slice(hit.sentence.start, hit.start);
  const lastBreak = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(' but '));
  return before.slice(lastBreak + 1);
}

export function isNegated(analysis: AnalyzedText, hit: Hit): boolean {
  const token = analysis.tokens.find((candidate) => candidate.end > hit.start);
  return Boolean(token?.negated) || UNFLAGGED_NEGATION.test(clauseBefore(analysis, hit));
}

export function isHypothetical(analysis: AnalyzedText, hit: Hit): boolean {
  const before = analysis.text.slice(hit.sentence.start, hit.start);
  const after = analysis.text.slice(hit.end, hit.sentence.end);
  return CONDITIONAL.test(before) || (MODAL_BEFORE.test(before) && CONDITION_AFTER.test(after));
}

/** Every match of the patterns (each needs the `g` flag) in reading order, filtered by the rules. */
export function hitsIn(analysis: AnalyzedText, patterns: RegExp[], rules: HitRules = {}): Hit[] {
  const hits: Hit[] = [];
  for (const pattern of patterns) {
    for (const match of analysis.text.matchAll(pattern)) {
      const start = match.index;
      const hit = { start, end: start + match[0].length, text: match[0], sentence: sentenceAt(analysis, start) };
      if (rules.negatable && isNegated(analysis, hit)) continue;
      if (rules.factualOnly && isHypothetical(analysis, hit)) continue;
      if (rules.unlessSentence && rules.unlessSentence.test(analysis.text.slice(hit.sentence.start, hit.sentence.end))) continue;
      hits.push(hit);
    }
  }
  return hits.sort((first, second) => first.start - second.start);
}

export function firstHit(analysis: AnalyzedText, patterns: RegExp[], rules: HitRules = {}): Hit | undefined {
  return hitsIn(analysis, patterns, rules)[0];
}

const EVIDENCE_LENGTH = 90;

/** The words around a hit, to quote in a reason. */
export function evidenceOf(analysis: AnalyzedText, hit: TextSpan): string {
  const sentence = sentenceAt(analysis, hit.start);
  const text = analysis.text.slice(sentence.start, sentence.end).trim();
  if (text.length <= EVIDENCE_LENGTH) return text;
  const from = Math.max(sentence.start, hit.start - 30);
  return `…${analysis.text.slice(from, from + EVIDENCE_LENGTH).trim()}…`;
}

const AFFIRMATIVE = /^\s*(?:yes|yeah|yep|yup|ya|yea|sure|ok|okay|alright|all right|please|go ahead|sounds (?:good|great|perfect)|perfect|great|absolutely|definitely|of course|do it|let'?s do (?:it|that)|that would be (?:great|good|perfect|helpful|lovely)|that'd be (?:great|good|perfect|lovely)|i'd like that|i would like that|why not|deal|correct|please do|that works|works for me|go for it|i'd love (?:that|to)|love to|count me in|sign me up|let'?s go|go on then)\b/i;
const RESERVATION = /\b(?:no|nah|nope|not|don't|never|later|but|maybe|hmm|wait)\b/i;
const OFFER_LEAD = /\b(?:are you sure|do you still want|would you still like|would you like|would you prefer|do you want|want me to|shall i|should i|can i|could i|may i|i can|i could|happy to|would it help|how about|interested in|like me to|like to)\b/i;
const AFFIRMATION_MAX_WORDS = 10;

/**
 * A short yes to the assistant's offer: "Want me to book you in?" — "yes please!". The user
 * accepts what the assistant proposed, so the user now holds that intent.
 */
export function acceptsOffer(turn: UserTurn, offer: RegExp): boolean {
  const reply = turn.analysis.text;
  if (!turn.priorAssistantText || !AFFIRMATIVE.test(reply) || RESERVATION.test(reply)) return false;
  if (reply.split(/\s+/).length > AFFIRMATION_MAX_WORDS) return false;
  const questions = turn.priorAssistantText.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim().endsWith('?'));
  return questions.some((question) => OFFER_LEAD.test(question) && offer.test(question));
}

// "Actually never mind, I'll keep it": the user takes back what they asked for.
const RETRACTION = /^\s*(?:(?:oh|ok|okay|actually|wait|hmm|sorry|no)[,.!\s]+)*(?:never ?mind|nvm|forget (?:it|that|about it)|scratch that|ignore (?:that|my last(?: message)?)|(?:i(?:'ve)?|we(?:'ve)?) changed (?:my|our) minds?|(?:i'll|i will|we'll|we will) (?:keep|stay)|(?:let's|lets) keep|don't (?:cancel|bother|worry)|no need (?:anymore|any more|now))\b/i;
const RETRACTION_LATER_IN_TURN = /\b(?:but|actually|though)\b[^.!?]{0,20}\b(?:changed (?:my|our) minds?|never ?mind|(?:i'll|we'll|i will|we will) (?:keep|stay)|forget (?:it|that))\b/i;

/** Whether the user takes the request back after saying it: later in the message or in a later message. */
export function retractedAfter(userTurns: UserTurn[], turnIndex: number, hit?: TextSpan): boolean {
  const { text } = userTurns[turnIndex].analysis;
  if (hit && RETRACTION_LATER_IN_TURN.test(text.slice(hit.start))) return true;
  return userTurns.slice(turnIndex + 1).some((turn) => RETRACTION.test(turn.analysis.text));
}
