import { meetingBookedSample } from '../samples/meeting_booked.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'meeting_booked',
  noun: 'Meeting',
  label: 'Meeting Booked',
  description: 'Triggers when someone books a meeting in Orufy Bookings or Appointlet.',
  eventType: 'meeting.booked',
  sample: meetingBookedSample,
});
