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
}

/** One kind of condition marketers write, and how to recognize it in what the user said. */
export interface Family {
  name: FamilyName;
  /** Completes "the user …" and "no user message …". */
  describes: string;
  judge(input: JudgeInput): Finding | undefined;
}
