import { z } from 'zod';
import type { Config } from '../config.js';
import { createLlmEvaluator } from './llm.js';
import { LocalEvaluator } from './local/index.js';
import type { ConditionEvaluator, ConversationInput } from './types.js';
import { UsageMeter } from './usage.js';

export type { ConditionEvaluator, ConditionPrompt, ConversationInput, ConversationMessage, EvaluatorKind, Verdict } from './types.js';
export { conversationDigest, turnsOf, turnsOfTranscript, type Speaker, type Turn } from './conversation.js';
export { LlmEvaluator, createLlmEvaluator, type LlmSettings } from './llm.js';
export { LocalEvaluator, UNSUPPORTED_REASON } from './local/index.js';
export { UsageMeter, type UsageTotals } from './usage.js';

export type EvaluatorConfig = Pick<Config, 'OPENAI_API_KEY' | 'LLM_BASE_URL' | 'LLM_MODEL' | 'LLM_TIMEOUT_MS' | 'LLM_MAX_RETRIES' | 'COMPETITORS'>;

export interface EvaluatorDeps {
  /** Where the LLM evaluator records tokens; pass the one `GET /conditions/usage` reports. */
  usage?: UsageMeter;
}

export function llmConfigured(config: Pick<Config, 'OPENAI_API_KEY' | 'LLM_BASE_URL'>): boolean {
  return Boolean(config.OPENAI_API_KEY || config.LLM_BASE_URL);
}

/** The LLM evaluator when an API key or base URL is configured, else the offline one. */
export function createEvaluator(config: EvaluatorConfig, deps: EvaluatorDeps = {}): ConditionEvaluator {
  if (!llmConfigured(config)) return new LocalEvaluator({ competitors: config.COMPETITORS });
  return createLlmEvaluator(
    {
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.LLM_BASE_URL,
      model: config.LLM_MODEL,
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxRetries: config.LLM_MAX_RETRIES,
      competitors: config.COMPETITORS,
    },
    { usage: deps.usage ?? new UsageMeter() },
  );
}

export const MAX_PROMPTS_PER_REQUEST = 50;
const MAX_PROMPT_LENGTH = 2_000;
const MAX_CONVERSATION_LENGTH = 200_000;
const MAX_MESSAGES = 1_000;

const PromptSchema = z.object({
  id: z.string().min(1).max(100),
  text: z.string().trim().min(1).max(MAX_PROMPT_LENGTH),
});

const ConversationSchema = z
  .object({
    transcript: z.string().max(MAX_CONVERSATION_LENGTH).optional(),
    messages: z
      .array(z.object({ role: z.string().min(1).max(50), text: z.string().max(MAX_CONVERSATION_LENGTH) }))
      .max(MAX_MESSAGES)
      .optional(),
  })
  .refine((conversation) => conversation.transcript !== undefined || conversation.messages !== undefined, {
    message: 'give the conversation as a transcript or as messages',
  });

/** `POST /api/v1/conditions/evaluate`: judge prompts against a conversation, creating nothing. */
export const EvaluateConditionsRequestSchema = z.object({
  prompts: z
    .array(PromptSchema)
    .min(1)
    .max(MAX_PROMPTS_PER_REQUEST)
    .refine((prompts) => new Set(prompts.map((prompt) => prompt.id)).size === prompts.length, { message: 'prompt ids must be unique' }),
  conversation: ConversationSchema,
});

export type EvaluateConditionsRequest = z.infer<typeof EvaluateConditionsRequestSchema>;

export const ConditionResultSchema = z.object({
  id: z.string(),
  matched: z.boolean(),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
  evaluator: z.enum(['llm', 'local']),
});

export const EvaluateConditionsResponseSchema = z.object({ results: z.array(ConditionResultSchema) });

export type EvaluateConditionsResponse = z.infer<typeof EvaluateConditionsResponseSchema>;

/** `GET /api/v1/conditions/usage`: what the evaluator spent since the engine started. */
export const ConditionUsageResponseSchema = z.object({
  evaluator: z.enum(['llm', 'local']),
  calls: z.number().int().min(0),
  errors: z.number().int().min(0),
  cacheHits: z.number().int().min(0),
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  totalTokens: z.number().int().min(0),
});

export type ConditionUsageResponse = z.infer<typeof ConditionUsageResponseSchema>;

export async function evaluateConditions(evaluator: ConditionEvaluator, request: EvaluateConditionsRequest): Promise<EvaluateConditionsResponse> {
  const verdicts = await evaluator.evaluate(request.prompts, request.conversation satisfies ConversationInput);
  return { results: verdicts.map(({ id, matched, confidence, reason, evaluator: kind }) => ({ id, matched, confidence, reason, evaluator: kind })) };
}

export function conditionUsage(evaluator: ConditionEvaluator, usage: UsageMeter): ConditionUsageResponse {
  return { evaluator: evaluator.kind, ...usage.totals() };
}
