import { meetingDeclinedSample } from '../samples/meeting_declined.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'meeting_declined',
  noun: 'Meeting',
  label: 'Meeting Declined',
  description: 'Triggers when a host declines a requested Appointlet meeting.',
  eventType: 'meeting.declined',
  sample: meetingDeclinedSample,
});
