import type { Contact, EventType, Meeting, Person } from '../events/schema.js';
import {
  actionKey,
  actionOf,
  addMinutes,
  asRecords,
  asNonEmptyRecord,
  asNumber,
  asRecord,
  asText,
  canonicalEvent,
  contactFrom,
  firstText,
  payloadDigest,
  personFrom,
  toIsoUtc,
  withoutUndefined,
} from './normalize-helpers.js';
import type { NormalizeContext, SourceAdapter } from './types.js';

const EVENT_TYPE_BY_ACTION: Record<string, EventType> = {
  book: 'meeting.booked',
  booked: 'meeting.booked',
  cancel: 'meeting.canceled',
  canceled: 'meeting.canceled',
  cancelled: 'meeting.canceled',
  reschedule: 'meeting.rescheduled',
  rescheduled: 'meeting.rescheduled',
  no_show: 'meeting.no_show',
  noshow: 'meeting.no_show',
  mark_as_no_show: 'meeting.no_show',
  marked_as_no_show: 'meeting.no_show',
  mark_no_show: 'meeting.no_show',
};

/**
 * Orufy documents its fields without saying where each sits, so every field is read from
 * `meetData` first and the envelope second.
 */
function fieldReader(payload: Record<string, unknown>): (name: string) => unknown {
  const meetData = asRecord(payload.meetData) ?? {};
  return (name) => meetData[name] ?? payload[name];
}

const PERSON_KEYS = {
  id: ['_id', 'id'],
  email: ['email', 'emailId'],
  fullName: ['name', 'fullName'],
  firstName: ['firstName', 'first_name'],
  lastName: ['lastName', 'last_name'],
  phone: ['phone', 'phoneNumber', 'mobile', 'mobileNumber', 'contactNumber'],
  timeZone: ['timezone', 'timeZone'],
  country: ['country', 'countryCode'],
} as const;

function personOf(record: Record<string, unknown>): Person {
  return personFrom({
    id: firstText(record, PERSON_KEYS.id),
    email: firstText(record, PERSON_KEYS.email),
    fullName: firstText(record, PERSON_KEYS.fullName),
    firstName: firstText(record, PERSON_KEYS.firstName),
    lastName: firstText(record, PERSON_KEYS.lastName),
    timeZone: firstText(record, PERSON_KEYS.timeZone),
    status: record.status,
  });
}

function contactOf(attendee: Record<string, unknown> | undefined, context: NormalizeContext): Contact {
  if (!attendee) return {};
  return contactFrom(
    {
      email: firstText(attendee, PERSON_KEYS.email),
      phone: firstText(attendee, PERSON_KEYS.phone),
      fullName: firstText(attendee, PERSON_KEYS.fullName),
      firstName: firstText(attendee, PERSON_KEYS.firstName),
      lastName: firstText(attendee, PERSON_KEYS.lastName),
      timeZone: firstText(attendee, PERSON_KEYS.timeZone),
      country: firstText(attendee, PERSON_KEYS.country),
    },
    context,
  );
}

function meetingOf(field: (name: string) => unknown, attendees: Record<string, unknown>[]): Meeting | undefined {
  const id = asText(field('_id'));
  if (!id) return undefined;
  const start = toIsoUtc(field('time'));
  const durationMinutes = asNumber(field('duration'));
  return withoutUndefined({
    id,
    name: asText(field('modifiedEventName')) ?? asText(field('eventName')),
    start,
    end: addMinutes(start, durationMinutes),
    durationMinutes,
    status: asText(field('status')),
    location: asText(field('location')) ?? asText(field('modeNote')),
    hosts: asRecords(field('agentsDetails')).map(personOf),
    attendees: attendees.map(personOf),
    previousMeetingId: asText(field('prevMeetId')),
    cancellation: asNonEmptyRecord(field('cancellation')),
    payment: asNonEmptyRecord(field('payment')),
  });
}

/** When the change itself happened: the cancellation's or reschedule's own timestamp, if given. */
function changeTimestamp(field: (name: string) => unknown, type: EventType): unknown {
  if (type === 'meeting.canceled') return asRecord(field('cancellation'))?.timestamp;
  if (type === 'meeting.rescheduled') return asRecord(field('reschedule'))?.timestamp;
  return undefined;
}

export const orufyAdapter: SourceAdapter = {
  provider: 'orufy',
  normalize(payload, context) {
    const field = fieldReader(payload);
    const action = actionOf(payload.eventType);
    const type = EVENT_TYPE_BY_ACTION[actionKey(action)] ?? 'source.unrecognized';
    const attendees = asRecords(field('attendees'));
    const meetId = asText(field('_id'));
    const changedAt = changeTimestamp(field, type);
    const identity = meetId
      ? [meetId, action, asText(field('time')) ?? null, asText(changedAt) ?? null]
      : [payloadDigest(payload)];
    return canonicalEvent(
      {
        provider: 'orufy',
        action,
        type,
        identity,
        occurredAt: toIsoUtc(changedAt) ?? toIsoUtc(field('updatedAt')),
        contact: contactOf(attendees[0], context),
        meeting: meetingOf(field, attendees),
        payload,
      },
      context,
    );
  },
};
