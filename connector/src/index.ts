import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from '../package.json' with { type: 'json' };
import authentication from './authentication.js';
import pushLeadEvent from './creates/push_lead_event.js';
import { afters, befores } from './middleware.js';
import appointmentBooked from './triggers/appointment_booked.js';
import conversationEnded from './triggers/conversation_ended.js';
import conversationInactive from './triggers/conversation_inactive.js';
import customCondition from './triggers/custom_condition.js';
import eventType from './triggers/event_type.js';
import meetingApproved from './triggers/meeting_approved.js';
import meetingBooked from './triggers/meeting_booked.js';
import meetingCanceled from './triggers/meeting_canceled.js';
import meetingDeclined from './triggers/meeting_declined.js';
import meetingRescheduled from './triggers/meeting_rescheduled.js';
import messageSent from './triggers/message_sent.js';
import userSignup from './triggers/user_signup.js';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,

  authentication,
  beforeRequest: [...befores],
  afterResponse: [...afters],

  triggers: {
    [meetingBooked.key]: meetingBooked,
    [meetingCanceled.key]: meetingCanceled,
    [meetingRescheduled.key]: meetingRescheduled,
    [meetingApproved.key]: meetingApproved,
    [meetingDeclined.key]: meetingDeclined,
    [appointmentBooked.key]: appointmentBooked,
    [conversationInactive.key]: conversationInactive,
    [conversationEnded.key]: conversationEnded,
    [messageSent.key]: messageSent,
    [userSignup.key]: userSignup,
    [customCondition.key]: customCondition,
    [eventType.key]: eventType,
  },

  creates: {
    [pushLeadEvent.key]: pushLeadEvent,
  },
});
