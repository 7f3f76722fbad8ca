import { meetingRescheduledSample } from '../samples/meeting_rescheduled.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'meeting_rescheduled',
  noun: 'Meeting',
  label: 'Meeting Rescheduled',
  description: 'Triggers when a meeting booked in Orufy Bookings or Appointlet moves to a new time.',
  eventType: 'meeting.rescheduled',
  sample: meetingRescheduledSample,
});
