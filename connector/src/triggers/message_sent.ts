import { messageSentSample } from '../samples/message_sent.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'message_sent',
  noun: 'Message',
  label: 'Message Sent',
  description: "Triggers when a user sends a message to a CalStudio AI app, with the app's reply.",
  eventType: 'message.sent',
  sample: messageSentSample,
});
