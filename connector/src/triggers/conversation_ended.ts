import { conversationEndedSample } from '../samples/conversation_ended.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'conversation_ended',
  noun: 'Conversation',
  label: 'Conversation Ended',
  description: 'Triggers when a CalStudio chat session ends.',
  eventType: 'conversation.ended',
  sample: conversationEndedSample,
});
