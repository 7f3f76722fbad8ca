export interface ConditionPrompt {
  id: string;
  text: string;
}

export interface ConversationMessage {
  role: 'user' | 'assistant' | 'system' | string;
  text: string;
}

/** Either a whole transcript ("User: …\nBot: …") or the messages with their roles. */
export interface ConversationInput {
  transcript?: string;
  messages?: ConversationMessage[];
}

export type EvaluatorKind = 'llm' | 'local';

export interface Verdict {
  id: string;
  matched: boolean;
  /** 0…1; 0 when the evaluator could not judge (error or unsupported prompt). */
  confidence: number;
  reason: string;
  evaluator: EvaluatorKind;
  /** Set when the evaluator failed; the verdict is then "not matched" (fail closed). */
  error?: string;
}

export interface ConditionEvaluator {
  readonly kind: EvaluatorKind;
  /** Never rejects: a failure becomes a not-matched verdict carrying `error`. */
  evaluate(prompts: ConditionPrompt[], conversation: ConversationInput): Promise<Verdict[]>;
  /** False when this evaluator cannot judge the prompt (the local one for an unknown family). */
  supports?(promptText: string): boolean;
}
