import type { Contact, EventType, Meeting, Person } from '../events/schema.js';
import {
  actionKey,
  actionOf,
  asRecords,
  asRecord,
  asText,
  asTextList,
  canonicalEvent,
  contactFrom,
  firstText,
  isBlank,
  minutesBetween,
  payloadDigest,
  personFrom,
  toIsoUtc,
  withoutUndefined,
} from './normalize-helpers.js';
import type { NormalizeContext, SourceAdapter } from './types.js';

const EVENT_TYPE_BY_ACTION: Record<string, EventType> = {
  meeting_scheduled: 'meeting.booked',
  meeting_cancelled: 'meeting.canceled',
  meeting_canceled: 'meeting.canceled',
  meeting_rescheduled: 'meeting.rescheduled',
  meeting_approved: 'meeting.approved',
  meeting_declined: 'meeting.declined',
  meeting_tagged: 'meeting.tagged',
  meeting_untagged: 'meeting.untagged',
  attendee_approved: 'attendee.approved',
  attendee_cancelled: 'attendee.canceled',
  attendee_canceled: 'attendee.canceled',
  attendee_declined: 'attendee.declined',
  attendee_reminded: 'attendee.reminded',
  attendee_scheduled: 'attendee.scheduled',
};

type Json = Record<string, unknown>;

function sameText(a: unknown, b: unknown): boolean {
  const left = asText(a)?.toLowerCase();
  return left !== undefined && left === asText(b)?.toLowerCase();
}

/** Appointlet lists the host among the attendees too, sometimes under the host's id with another email. */
function isHost(attendee: Json, host: Json | undefined): boolean {
  return host !== undefined && (sameText(attendee.id, host.id) || sameText(attendee.email, host.email));
}

/**
 * The webhook's entity is a Meeting for Meeting.* actions; for Attendee.* actions it may be the
 * Attendee itself, carrying its meeting (an object or just an id) under `meeting`.
 */
interface EntityParts {
  meeting?: Json;
  meetingId?: string;
  host?: Json;
  attendees: Json[];
  contact?: Json;
}

function entityParts(entity: Json | undefined): EntityParts {
  if (!entity) return { attendees: [] };
  if (asText(entity.type)?.toLowerCase() === 'attendee') {
    const meeting = asRecord(entity.meeting);
    const host = asRecord(meeting?.host);
    const listed = asRecords(meeting?.attendees).filter((attendee) => !isHost(attendee, host));
    const alreadyListed = isHost(entity, host) || listed.some((attendee) => sameText(attendee.id, entity.id));
    return {
      meeting,
      meetingId: asText(meeting?.id) ?? asText(entity.meeting),
      host,
      attendees: alreadyListed ? listed : [entity, ...listed],
      contact: entity,
    };
  }
  const host = asRecord(entity.host);
  const attendees = asRecords(entity.attendees).filter((attendee) => !isHost(attendee, host));
  return { meeting: entity, meetingId: asText(entity.id), host, attendees, contact: attendees[0] };
}

function personOf(attendee: Json): Person {
  return personFrom({
    id: attendee.id,
    email: attendee.email,
    fullName: firstText(attendee, ['name', 'full_name']),
    firstName: attendee.first_name,
    lastName: attendee.last_name,
    timeZone: attendee.timezone,
    status: attendee.status,
  });
}

/** Answers to the booking form as {field name: answer}, plus the UTM parameters that were set. */
function attendeeMetadata(attendee: Json): Json {
  const answers = asRecords(attendee.field_submissions).flatMap((submission) => {
    const name = asText(submission.name);
    return name === undefined || isBlank(submission.value) ? [] : [[name, submission.value] as const];
  });
  const utm = Object.entries(attendee).filter(([key, value]) => key.startsWith('utm_') && !isBlank(value));
  return Object.fromEntries([...answers, ...utm]);
}

/** A phone given as an attendee field or as a phone-typed answer on the booking form. */
function attendeePhone(attendee: Json): string | undefined {
  const phoneAnswer = asRecords(attendee.field_submissions).find((submission) => sameText(submission.field_type, 'phone'));
  return firstText(attendee, ['phone', 'phone_number']) ?? asText(phoneAnswer?.value);
}

function contactOf(attendee: Json | undefined, context: NormalizeContext): Contact {
  if (!attendee) return {};
  return contactFrom(
    {
      email: attendee.email,
      phone: attendeePhone(attendee),
      fullName: firstText(attendee, ['name', 'full_name']),
      firstName: attendee.first_name,
      lastName: attendee.last_name,
      timeZone: attendee.timezone,
      metadata: attendeeMetadata(attendee),
    },
    context,
  );
}

function meetingStatus(meeting: Json): string | undefined {
  const stated = asText(meeting.status);
  if (stated) return stated;
  if (meeting.cancelled === true) return 'cancelled';
  if (meeting.approved === false) return 'declined';
  if (meeting.confirmed === true) return 'confirmed';
  if (meeting.approved === true) return 'approved';
  return meeting.confirmed === false ? 'pending' : undefined;
}

function tagNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((tag) => asTextList(asRecord(tag)?.name ?? tag) ?? []);
}

function meetingOf(parts: EntityParts): Meeting | undefined {
  if (!parts.meetingId) return undefined;
  const meeting = parts.meeting ?? {};
  const start = toIsoUtc(meeting.start);
  const end = toIsoUtc(meeting.end);
  return withoutUndefined({
    id: parts.meetingId,
    name: asText(meeting.name) ?? asText(asRecord(meeting.meeting_type)?.name),
    start,
    end,
    durationMinutes: minutesBetween(start, end),
    status: meetingStatus(meeting),
    location: asText(meeting.location),
    conferenceUrl: asText(meeting.conference_url) ?? asText(parts.contact?.conference_url),
    hosts: parts.host ? [personOf(parts.host)] : [],
    attendees: parts.attendees.map(personOf),
    tags: tagNames(meeting.tags),
  });
}

export const appointletAdapter: SourceAdapter = {
  provider: 'appointlet',
  normalize(payload, context) {
    const action = actionOf(payload.action);
    const activityId = asText(payload.id);
    const parts = entityParts(asRecord(payload.entity));
    return canonicalEvent(
      {
        provider: 'appointlet',
        action,
        type: EVENT_TYPE_BY_ACTION[actionKey(action)] ?? 'source.unrecognized',
        identity: activityId ? [activityId] : [payloadDigest(payload)],
        occurredAt: toIsoUtc(payload.created_at),
        contact: contactOf(parts.contact, context),
        meeting: meetingOf(parts),
        payload,
      },
      context,
    );
  },
};
