import { meetingCanceledSample } from '../samples/meeting_canceled.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'meeting_canceled',
  noun: 'Meeting',
  label: 'Meeting Canceled',
  description: 'Triggers when a meeting booked in Orufy Bookings or Appointlet is canceled.',
  eventType: 'meeting.canceled',
  sample: meetingCanceledSample,
});
