import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { turnsOf } from '../../engine/conditions/conversation.js';
import { EVAL_DATA_DIR, loadConditionCases, loadJsonLines, TRAINED_ON_SETS, type ConditionCase } from '../../eval/conditions/datasets.js';

export const TRAINING_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** The families a model of single messages is trained for; contact details are found by their patterns alone. */
export const MESSAGE_FAMILIES = ['pricing', 'frustration', 'competitor', 'booking-intent', 'cancellation', 'refund', 'human-agent', 'buying-signal'] as const;
export type MessageFamily = (typeof MESSAGE_FAMILIES)[number];

const MessageSchema = z.object({ family: z.enum(MESSAGE_FAMILIES), label: z.boolean(), text: z.string().min(1) });
const EverydayMessageSchema = z.object({ text: z.string().min(1), intents: z.array(z.enum(MESSAGE_FAMILIES)) });
const PromptSchema = z.object({ family: z.string().min(1), prompt: z.string().min(1) });

export type LabelledMessage = z.infer<typeof MessageSchema>;
export type EverydayMessage = z.infer<typeof EverydayMessageSchema>;
export type LabelledPrompt = z.infer<typeof PromptSchema>;

export function loadMessages(): LabelledMessage[] {
  return MESSAGE_FAMILIES.flatMap((family) => loadJsonLines(join(TRAINING_DATA_DIR, `messages-${family}.jsonl`), MessageSchema));
}

/** Everyday support messages of many industries, each labelled with every family it expresses (usually none). */
export function loadEverydayMessages(): EverydayMessage[] {
  return ['ordinary-finance.jsonl', 'ordinary-services.jsonl'].flatMap((file) => loadJsonLines(join(TRAINING_DATA_DIR, file), EverydayMessageSchema));
}

export function loadPrompts(): LabelledPrompt[] {
  return loadJsonLines(join(TRAINING_DATA_DIR, 'prompts.jsonl'), PromptSchema);
}

/** The labelled conversations the models learn from and are cross-validated on, one fold per set; never the held-out sets. */
export function loadConversationSets(): Map<string, ConditionCase[]> {
  return new Map(TRAINED_ON_SETS.map((name) => [name, loadConditionCases(join(EVAL_DATA_DIR, `${name}.jsonl`))]));
}

// banking77's mapping names changing one's details contact-details; the prompt families call it contact-change.
export function promptFamilyOf(caseFamily: string): string {
  return caseFamily === 'contact-details' ? 'contact-change' : caseFamily;
}

/**
 * What a labelled conversation says about single messages: when the condition does not hold,
 * none of the user's messages satisfies it; when it holds and the user spoke once, that message
 * does. (With several user messages it is unknown which one did, so they teach nothing.)
 */
export function messagesOfCase(testCase: ConditionCase): { text: string; label: boolean }[] {
  const userTexts = turnsOf({ messages: testCase.conversation })
    .filter((turn) => turn.speaker === 'user')
    .map((turn) => turn.text);
  if (!testCase.expected) return userTexts.map((text) => ({ text, label: false }));
  return userTexts.length === 1 ? [{ text: userTexts[0], label: true }] : [];
}
