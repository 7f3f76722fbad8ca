import { turnsOf, type Turn } from '../conversation.js';
import { LruMap } from '../lru.js';
import type { ConditionEvaluator, ConditionPrompt, ConversationInput, Verdict } from '../types.js';
import { analyzeText, type AnalyzedText } from './analysis.js';
import type { JudgeInput } from './family.js';
import { familyOfPrompt } from './prompt-families.js';
import type { UserTurn } from './signals.js';

export const UNSUPPORTED_REASON = 'unsupported condition for the local evaluator — configure an LLM';

// Conversations grow one message at a time, so most messages of an event were analysed before.
const ANALYSIS_CACHE_SIZE = 5_000;
const CONFIDENCE_NOT_FOUND = 0.7;

export interface LocalEvaluatorOptions {
  /** Competitor names that count in addition to those a prompt lists (COMPETITORS). */
  competitors?: string[];
}

/**
 * The offline evaluator: maps each prompt to a known family of conditions and looks for that
 * family's signals in what the user said, never in the assistant's text.
 */
export class LocalEvaluator implements ConditionEvaluator {
  readonly kind = 'local' as const;
  readonly #competitors: string[];
  readonly #analyses = new LruMap<string, AnalyzedText>(ANALYSIS_CACHE_SIZE);

  constructor(options: LocalEvaluatorOptions = {}) {
    this.#competitors = options.competitors ?? [];
  }

  supports(promptText: string): boolean {
    return familyOfPrompt(promptText) !== undefined;
  }

  async evaluate(prompts: ConditionPrompt[], conversation: ConversationInput): Promise<Verdict[]> {
    return this.evaluateNow(prompts, conversation);
  }

  /** The same judgement, synchronously: the local evaluator never waits for anything. */
  evaluateNow(prompts: ConditionPrompt[], conversation: ConversationInput): Verdict[] {
    const families = prompts.map((prompt) => familyOfPrompt(prompt.text));
    const turns = turnsOf(conversation);
    const userTurns = families.some(Boolean) ? this.#userTurns(turns) : [];
    const assistantTexts = turns.filter((turn) => turn.speaker === 'assistant').map((turn) => turn.text);
    return prompts.map((prompt, index) => {
      const family = families[index];
      if (!family) return { id: prompt.id, matched: false, confidence: 0, reason: UNSUPPORTED_REASON, evaluator: 'local' };
      const input: JudgeInput = { userTurns, assistantTexts, promptText: prompt.text, competitors: this.#competitors };
      const finding = family.judge(input);
      return finding
        ? { id: prompt.id, matched: true, confidence: finding.confidence, reason: `the user ${family.describes}: "${finding.evidence}"`, evaluator: 'local' }
        : { id: prompt.id, matched: false, confidence: CONFIDENCE_NOT_FOUND, reason: `no user message ${family.describes}`, evaluator: 'local' };
    });
  }

  #userTurns(turns: Turn[]): UserTurn[] {
    const userTurns: UserTurn[] = [];
    let priorAssistantText: string | undefined;
    for (const turn of turns) {
      if (turn.speaker === 'assistant') priorAssistantText = turn.text;
      if (turn.speaker !== 'user') continue;
      userTurns.push({ analysis: this.#analysis(turn.text), priorAssistantText });
      priorAssistantText = undefined;
    }
    return userTurns;
  }

  #analysis(text: string): AnalyzedText {
    const cached = this.#analyses.get(text);
    if (cached) return cached;
    const analysis = analyzeText(text);
    this.#analyses.set(text, analysis);
    return analysis;
  }
}
