import { meetingApprovedSample } from '../samples/meeting_approved.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'meeting_approved',
  noun: 'Meeting',
  label: 'Meeting Approved',
  description: 'Triggers when a host approves a requested Appointlet meeting.',
  eventType: 'meeting.approved',
  sample: meetingApprovedSample,
});
