import type { EventType } from './schema.js';

/** Human names for every event type: Zapier trigger labels, dropdowns, the console. */
export const EVENT_CATALOGUE: Record<EventType, { label: string; description: string }> = {
  'meeting.booked': { label: 'Meeting Booked', description: 'A meeting was booked (Orufy BOOK, Appointlet Meeting scheduled).' },
  'meeting.canceled': { label: 'Meeting Canceled', description: 'A meeting was canceled (Orufy CANCEL, Appointlet Meeting cancelled).' },
  'meeting.rescheduled': { label: 'Meeting Rescheduled', description: 'A meeting moved to a new time (Orufy RESCHEDULE, Appointlet Meeting rescheduled).' },
  'meeting.approved': { label: 'Meeting Approved', description: 'The host approved a meeting request (Appointlet).' },
  'meeting.declined': { label: 'Meeting Declined', description: 'The host declined a meeting request (Appointlet).' },
  'meeting.tagged': { label: 'Meeting Tagged', description: 'The host added a tag to a meeting (Appointlet).' },
  'meeting.untagged': { label: 'Meeting Untagged', description: 'The host removed a tag from a meeting (Appointlet).' },
  'meeting.no_show': { label: 'Meeting No-Show', description: 'An attendee was marked as a no-show (Orufy).' },
  'attendee.approved': { label: 'Attendee Approved', description: "The host approved an attendee's request (Appointlet)." },
  'attendee.canceled': { label: 'Attendee Canceled', description: 'An attendee canceled (Appointlet).' },
  'attendee.declined': { label: 'Attendee Declined', description: "The host declined an attendee's request (Appointlet)." },
  'attendee.reminded': { label: 'Attendee Reminded', description: 'A reminder email went to an attendee (Appointlet).' },
  'attendee.scheduled': { label: 'Attendee Scheduled', description: 'An attendee was scheduled into a meeting (Appointlet).' },
  'appointment.booked': { label: 'Appointment Booked', description: 'A contact booked an appointment through Setter AI.' },
  'conversation.inactive': { label: 'Conversation Inactive', description: 'No user message for a while (Setter AI, or computed by Switchboard).' },
  'conversation.ended': { label: 'Conversation Ended', description: 'A CalStudio conversation session ended.' },
  'message.sent': { label: 'Message Sent', description: 'A user sent a message to a CalStudio app.' },
  'user.signup': { label: 'New User Signup', description: 'A new user started using a CalStudio app.' },
  'condition.matched': { label: 'Custom Condition', description: 'A conversation matched a condition written in plain English.' },
  'source.unrecognized': { label: 'Unrecognized Webhook', description: 'A webhook with an action Switchboard does not know; stored, triggers nothing.' },
};
