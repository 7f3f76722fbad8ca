import type { AnalyzedText } from './analysis.js';
import type { UserTurn } from './signals.js';

export type FamilyName =
  | 'pricing'
  | 'frustration'
  | 'contact-email'
  | 'contact-phone'
  | 'contact-address'
  | 'contact-any'
  | 'contact-change'
  | 'competitor'
  | 'booking-intent'
  | 'cancellation'
  | 'refund'
  | 'human-agent'
  | 'buying-signal';

export interface JudgeInput {
  userTurns: UserTurn[];
  assistantTexts: string[];
  promptText: string;
  /** Configured competitor names, added to those the prompt lists. */
  competitors: string[];
}

export interface Finding {
  /** The user's words that satisfy the condition. */
  evidence: string;
  confidence: number;
  /** A short yes to the assistant's offer: a model of single messages cannot judge it. */
  answersOffer?: boolean;
}

/** One kind of condition marketers write, and how to recognize it in what the user said. */
export interface Family {
  name: FamilyName;
  /** Completes "the user …" and "no user message …". */
  describes: string;
  judge(input: JudgeInput): Finding | undefined;
  /**
   * Whether the patterns know a message cannot satisfy the family (a refund that has already
   * arrived; a "competitor" with no name or rival in sight): a trained model must not overrule that.
   */
  rejects?(analysis: AnalyzedText): boolean;
}
