import OpenAI, { APIConnectionTimeoutError, APIError } from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { ZodError } from 'zod';
import { conversationDigest, turnsOf, type Turn } from './conversation.js';
import { conditionsAndConversation, promptKey, systemInstructions, verdictSchema, type VerdictAnswers } from './llm-request.js';
import { LruMap } from './lru.js';
import type { UsageMeter } from './usage.js';
import type { ConditionEvaluator, ConditionPrompt, ConversationInput, Verdict } from './types.js';

export interface LlmSettings {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** Configured competitor names, told to the model as trusted context. */
  competitors?: string[];
}

export interface CachedAnswer {
  matched: boolean;
  reason: string;
}

export const VERDICT_CACHE_CAPACITY = 10_000;

// The strict schema carries no probability; a fixed figure below 1 says "a model's judgement".
const LLM_CONFIDENCE = 0.9;

// Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore the key, but the SDK requires one.
const PLACEHOLDER_API_KEY = 'no-key';

class ReplyError extends Error {
  override name = 'ReplyError';
}

export function createOpenAiClient(settings: LlmSettings): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof APIConnectionTimeoutError) return `the model did not answer within ${timeoutMs} ms`;
  if (error instanceof APIError) return `the model server failed: ${error.message}`;
  if (error instanceof LengthFinishReasonError) return 'the reply was cut off (finish_reason: length)';
  if (error instanceof ContentFilterFinishReasonError) return 'the reply was blocked by a content filter';
  if (error instanceof ZodError) return `malformed reply: ${error.issues[0]?.path.join('.') || 'reply'} ${error.issues[0]?.message ?? ''}`.trim();
  if (error instanceof SyntaxError) return 'malformed reply: not JSON';
  return error instanceof Error ? error.message : String(error);
}

function cacheKey(model: string, promptText: string, digest: string): string {
  return JSON.stringify([model, promptText, digest]);
}

/**
 * Judges every prompt of an event in one chat completion with a strict structured output.
 * Verdicts are cached by (model, prompt text, conversation digest), so a retried or replayed
 * event costs no second call; a failed call fails closed and is not cached.
 */
export class LlmEvaluator implements ConditionEvaluator {
  readonly kind = 'llm' as const;

  constructor(
    private readonly client: OpenAI,
    private readonly settings: Pick<LlmSettings, 'model' | 'timeoutMs' | 'competitors'>,
    private readonly usage: UsageMeter,
    private readonly cache = new LruMap<string, CachedAnswer>(VERDICT_CACHE_CAPACITY),
  ) {}

  supports(): boolean {
    return true;
  }

  async evaluate(prompts: ConditionPrompt[], conversation: ConversationInput): Promise<Verdict[]> {
    const turns = turnsOf(conversation);
    if (!turns.some((turn) => turn.speaker === 'user')) {
      return prompts.map((prompt) => this.#verdict(prompt, { matched: false, reason: 'not matched — the conversation has no user message' }));
    }
    const digest = conversationDigest(turns);
    const answers = new Map<string, CachedAnswer>();
    for (const prompt of prompts) {
      const cached = this.cache.get(cacheKey(this.settings.model, prompt.text, digest));
      if (cached) answers.set(prompt.text, cached);
    }
    this.usage.recordCacheHits(prompts.filter((prompt) => answers.has(prompt.text)).length);
    const uncached = [...new Set(prompts.map((prompt) => prompt.text).filter((text) => !answers.has(text)))];
    if (uncached.length > 0) {
      try {
        const fresh = await this.#ask(uncached, turns);
        uncached.forEach((text, index) => {
          const answer = fresh[promptKey(index)];
          answers.set(text, answer);
          this.cache.set(cacheKey(this.settings.model, text, digest), answer);
        });
      } catch (error) {
        this.usage.recordError();
        const failure = describeFailure(error, this.settings.timeoutMs);
        return prompts.map((prompt) => {
          const answer = answers.get(prompt.text);
          return answer ? this.#verdict(prompt, answer) : this.#failedVerdict(prompt, failure);
        });
      }
    }
    return prompts.map((prompt) => this.#verdict(prompt, answers.get(prompt.text)!));
  }

  async #ask(promptTexts: string[], turns: Turn[]): Promise<VerdictAnswers> {
    const schema = verdictSchema(promptTexts.length);
    let completion;
    try {
      completion = await this.client.chat.completions.parse({
        model: this.settings.model,
        temperature: 0,
        messages: [
          { role: 'system', content: systemInstructions(this.settings.competitors ?? []) },
          { role: 'user', content: conditionsAndConversation(promptTexts, turns) },
        ],
        response_format: zodResponseFormat(schema, 'condition_verdicts'),
      });
    } catch (error) {
      this.usage.recordCall(undefined);
      throw error;
    }
    const usage = completion.usage;
    this.usage.recordCall(
      usage && { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens },
    );
    const message = completion.choices[0]?.message;
    if (!message) throw new ReplyError('malformed reply: no choices');
    if (message.refusal) throw new ReplyError(`the model refused: ${message.refusal}`);
    if (message.parsed) return message.parsed;
    // Servers that ignore response_format still answer in content; hold it to the same schema.
    if (!message.content) throw new ReplyError('malformed reply: empty content');
    return schema.parse(JSON.parse(message.content));
  }

  #verdict(prompt: ConditionPrompt, answer: CachedAnswer): Verdict {
    return { id: prompt.id, matched: answer.matched, confidence: LLM_CONFIDENCE, reason: answer.reason, evaluator: 'llm' };
  }

  #failedVerdict(prompt: ConditionPrompt, failure: string): Verdict {
    return { id: prompt.id, matched: false, confidence: 0, reason: `not matched — evaluator error: ${failure}`, evaluator: 'llm', error: failure };
  }
}

export interface LlmEvaluatorDeps {
  usage: UsageMeter;
  cache?: LruMap<string, CachedAnswer>;
}

export function createLlmEvaluator(settings: LlmSettings, deps: LlmEvaluatorDeps): LlmEvaluator {
  return new LlmEvaluator(createOpenAiClient(settings), settings, deps.usage, deps.cache);
}
