import { turnsOf, type Turn } from '../conversation.js';
import { LruMap } from '../lru.js';
import type { ConditionEvaluator, ConditionPrompt, ConversationInput, Verdict } from '../types.js';
import { analyzeText, type AnalyzedText } from './analysis.js';
import type { Family, JudgeInput } from './family.js';
import { judgeWithModel } from './learned/judge.js';
import { shippedModelsOf, type TrainedModels } from './learned/models.js';
import { familyOfPrompt } from './prompt-families.js';
import type { UserTurn } from './signals.js';

export const UNSUPPORTED_REASON = 'unsupported condition for the local evaluator — configure an LLM';

// Conversations grow one message at a time, so most messages of an event were analysed before.
const ANALYSIS_CACHE_SIZE = 5_000;
const CONFIDENCE_NOT_FOUND = 0.7;
// Rules repeat their prompts on every event; reading one takes a tenth of a millisecond.
const PROMPT_CACHE_SIZE = 1_000;

export interface LocalEvaluatorOptions {
  /** Competitor names that count in addition to those a prompt lists (COMPETITORS). */
  competitors?: string[];
  /** The trained models; those shipped in learned/models.json unless a trainer passes its own. */
  models?: TrainedModels;
}

/**
 * The offline evaluator: maps each prompt to a known family of conditions and looks for that
 * family's signals in what the user said, never in the assistant's text.
 */
export class LocalEvaluator implements ConditionEvaluator {
  readonly kind = 'local' as const;
  readonly #competitors: string[];
  #models: TrainedModels | undefined;
  readonly #analyses = new LruMap<string, AnalyzedText>(ANALYSIS_CACHE_SIZE);
  readonly #families = new LruMap<string, Family | null>(PROMPT_CACHE_SIZE);

  constructor(options: LocalEvaluatorOptions = {}) {
    this.#competitors = options.competitors ?? [];
    this.#models = options.models;
  }

  supports(promptText: string): boolean {
    return this.#familyOf(promptText) !== undefined;
  }

  async evaluate(prompts: ConditionPrompt[], conversation: ConversationInput): Promise<Verdict[]> {
    return this.evaluateNow(prompts, conversation);
  }

  /** The same judgement, synchronously: the local evaluator never waits for anything. */
  evaluateNow(prompts: ConditionPrompt[], conversation: ConversationInput): Verdict[] {
    const families = prompts.map((prompt) => this.#familyOf(prompt.text));
    const turns = turnsOf(conversation);
    const userTurns = families.some(Boolean) ? this.#userTurns(turns) : [];
    const assistantTexts = turns.filter((turn) => turn.speaker === 'assistant').map((turn) => turn.text);
    return prompts.map((prompt, index) => {
      const family = families[index];
      if (!family) return { id: prompt.id, matched: false, confidence: 0, reason: UNSUPPORTED_REASON, evaluator: 'local' };
      const input: JudgeInput = { userTurns, assistantTexts, promptText: prompt.text, competitors: this.#competitors };
      const finding = judgeWithModel(family, input, this.#trainedModels().messageModel(family.name));
      return finding
        ? { id: prompt.id, matched: true, confidence: finding.confidence, reason: `the user ${family.describes}: "${finding.evidence}"`, evaluator: 'local' }
        : { id: prompt.id, matched: false, confidence: CONFIDENCE_NOT_FOUND, reason: `no user message ${family.describes}`, evaluator: 'local' };
    });
  }

  /** The shipped models load on first use, like wink's: an engine that never judges a prompt never pays for them. */
  #trainedModels(): TrainedModels {
    this.#models ??= shippedModelsOf();
    return this.#models;
  }

  #familyOf(promptText: string): Family | undefined {
    let family = this.#families.get(promptText);
    if (family === undefined) {
      family = familyOfPrompt(promptText, this.#trainedModels()) ?? null;
      this.#families.set(promptText, family);
    }
    return family ?? undefined;
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
