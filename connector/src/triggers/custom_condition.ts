import { defineInputFields } from 'zapier-platform-core';
import { customConditionSample } from '../samples/custom_condition.js';
import { defineHookTrigger } from './hook-trigger.js';

/** What the condition is judged on when the Zap names no events. */
const DEFAULT_SOURCE_EVENTS = ['message.sent', 'conversation.ended'];

const inputFields = defineInputFields([
  {
    key: 'prompt',
    label: 'Condition',
    type: 'text',
    required: true,
    helpText:
      'Describe in plain language when this Zap should run; Switchboard judges each conversation against it. Examples: "When a user asks about pricing or costs", "If the user expresses frustration or dissatisfaction", "When the user provides their email address", "If the conversation mentions a competitor".',
  },
  {
    key: 'events',
    label: 'Judge On',
    list: true,
    required: false,
    dynamic: 'event_type.id.label',
    placeholder: 'Message Sent, Conversation Ended',
    helpText: 'The events whose conversation is judged. Leave empty for **Message Sent** and **Conversation Ended**.',
  },
  {
    key: 'once',
    label: 'Trigger Frequency',
    required: true,
    default: 'per-conversation',
    choices: [
      { value: 'per-conversation', label: 'Once per conversation', sample: 'per-conversation' },
      { value: 'per-contact', label: 'Once per contact', sample: 'per-contact' },
      { value: 'always', label: 'Every time it matches', sample: 'always' },
    ],
    helpText: 'Whether a conversation (or a contact) that keeps matching triggers the Zap again.',
  },
  {
    key: 'when',
    label: 'Pre-Filter (JSONata)',
    type: 'code',
    required: false,
    group: 'advanced',
    helpText:
      'Optional [JSONata](https://docs.jsonata.org) expression on the event that must be true before the condition is judged; it is free, so it saves condition checks. Example: `conversation.appName = "Acme Sales Assistant"`.',
  },
]);

export default defineHookTrigger({
  key: 'custom_condition',
  noun: 'Condition Match',
  label: 'Custom Condition',
  description: 'Triggers when a conversation matches a condition you describe in plain language.',
  eventType: 'condition.matched',
  sample: customConditionSample,
  inputFields,
  inputFieldGroups: [{ key: 'advanced', label: 'Advanced', emphasize: false }],
  hookOptions: ({ prompt, events, once, when }) => ({
    prompt,
    on: events && events.length > 0 ? events : DEFAULT_SOURCE_EVENTS,
    once,
    when: when?.trim() || undefined,
  }),
});
