import type { ConditionEvaluator, ConversationInput } from '../conditions/index.js';
import type { CanonicalEvent } from '../events/schema.js';
import type { ConditionVerdict, JudgePrompts } from '../rules/index.js';

/** What the condition evaluator reads of an event: its transcript, else its last exchange. */
export function conversationOf(event: CanonicalEvent): ConversationInput {
  const conversation = event.conversation;
  if (conversation?.transcript) return { transcript: conversation.transcript };
  const messages = [];
  if (conversation?.lastMessage) messages.push({ role: 'user', text: conversation.lastMessage });
  if (conversation?.response) messages.push({ role: 'assistant', text: conversation.response });
  return { messages };
}

/** The rules' judge: every prompt that applies to one event, in one evaluator call. */
export function judgeWith(evaluator: ConditionEvaluator): JudgePrompts {
  return async (prompts, event) => {
    const verdicts = await evaluator.evaluate(prompts, conversationOf(event));
    return new Map<string, ConditionVerdict>(
      verdicts.map(({ id, matched, confidence, reason, evaluator: kind, error }) => [
        id,
        { matched, confidence, reason, evaluator: kind, ...(error ? { error } : {}) },
      ]),
    );
  };
}
