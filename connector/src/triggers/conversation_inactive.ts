import { conversationInactiveSample } from '../samples/conversation_inactive.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'conversation_inactive',
  noun: 'Conversation',
  label: 'Conversation Inactive',
  description:
    'Triggers when a lead has not replied for a while (23 hours by default): reported by Setter AI, or noticed by Switchboard itself.',
  eventType: 'conversation.inactive',
  sample: conversationInactiveSample,
});
