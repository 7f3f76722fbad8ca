import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveEventId } from '../../engine/events/id.js';
import { CanonicalEventSchema, PROVIDERS, type Provider } from '../../engine/events/schema.js';
import { normalizeWebhook } from '../../engine/sources/index.js';
import type { NormalizeContext } from '../../engine/sources/types.js';

type Payload = Record<string, unknown>;

const context: NormalizeContext = { organizationId: 42, receivedAt: '2025-06-01T12:00:00.000Z' };

function fixture(name: string): Payload {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Payload;
}

function withFields(payload: Payload, fields: Payload): Payload {
  return { ...structuredClone(payload), ...fields };
}

function typeOf(provider: Provider, payload: Payload): string {
  return normalizeWebhook(provider, payload, context).type;
}

const setterContact = {
  email: 'user@example.com',
  phoneRaw: '+1234567890',
  whatsappId: '1234567890',
  fullName: 'John Doe',
  firstName: 'John',
  lastName: 'Doe',
};

const orufyAttendee = {
  id: '6613f0a2c9e77a0012ab3f10',
  email: 'jane.cooper@example.com',
  fullName: 'Jane Cooper',
  firstName: 'Jane',
  lastName: 'Cooper',
  timeZone: 'America/Los_Angeles',
};

const orufyContact = {
  email: 'jane.cooper@example.com',
  phoneE164: '+14155550132',
  phoneRaw: '(415) 555-0132',
  fullName: 'Jane Cooper',
  firstName: 'Jane',
  lastName: 'Cooper',
  timeZone: 'America/Los_Angeles',
};

const orufyHost = {
  id: '65f1a7d4b2c3e40011aa0201',
  email: 'priya.sharma@acme.example',
  fullName: 'Priya Sharma',
  firstName: 'Priya',
  lastName: 'Sharma',
  timeZone: 'Asia/Kolkata',
};

describe('fixtures normalize field by field', () => {
  it('Setter appointment_booked', () => {
    const payload = fixture('setter-appointment-booked');
    expect(normalizeWebhook('setter', payload, context)).toEqual({
      id: deriveEventId(42, 'setter', [
        'appointment_booked',
        '2025-12-04T10:30:00.000Z',
        'user@example.com',
        '+1234567890',
        '1234567890',
        '2025-12-05T14:00:00.000Z',
      ]),
      type: 'appointment.booked',
      occurredAt: '2025-12-04T10:30:00.000Z',
      receivedAt: '2025-06-01T12:00:00.000Z',
      organizationId: 42,
      source: { provider: 'setter', action: 'appointment_booked' },
      // "+1234567890" is too short for +1, so it is not a possible number: only the raw text is kept.
      contact: { ...setterContact, timeZone: 'America/New_York' },
      meeting: {
        id: 'setter:456:2025-12-05T14:00:00.000Z:user@example.com',
        start: '2025-12-05T14:00:00.000Z',
        end: '2025-12-05T15:00:00.000Z',
        startInTz: '2025-12-05T09:00:00-05:00',
        timeZone: 'America/New_York',
        durationMinutes: 60,
        hosts: [],
        attendees: [
          { email: 'user@example.com', fullName: 'John Doe', firstName: 'John', lastName: 'Doe', timeZone: 'America/New_York' },
        ],
      },
      conversation: { transcript: 'Full conversation history...', botId: 123, botIntegrationId: 456 },
      raw: payload,
    });
  });

  it('Setter conversation_inactive', () => {
    const payload = fixture('setter-conversation-inactive');
    expect(normalizeWebhook('setter', payload, context)).toEqual({
      id: deriveEventId(42, 'setter', [
        'conversation_inactive',
        '2025-12-04T10:30:00.000Z',
        'user@example.com',
        '+1234567890',
        '1234567890',
        null,
      ]),
      type: 'conversation.inactive',
      occurredAt: '2025-12-04T10:30:00.000Z',
      receivedAt: '2025-06-01T12:00:00.000Z',
      organizationId: 42,
      source: { provider: 'setter', action: 'conversation_inactive' },
      contact: setterContact,
      conversation: {
        transcript: 'Full conversation history...',
        lastUserMessageAt: '2025-12-03T11:30:00.000Z',
        inactiveFor: 'PT23H',
        statusTags: ['replied'],
        botId: 123,
        botIntegrationId: 456,
      },
      raw: payload,
    });
  });

  it('Appointlet Meeting.scheduled: the contact is the first attendee who is not the host', () => {
    const payload = fixture('appointlet-meeting-scheduled');
    expect(normalizeWebhook('appointlet', payload, context)).toEqual({
      id: deriveEventId(42, 'appointlet', ['14224744']),
      type: 'meeting.booked',
      occurredAt: '2024-05-29T18:56:43.249Z',
      receivedAt: '2025-06-01T12:00:00.000Z',
      organizationId: 42,
      source: { provider: 'appointlet', action: 'Meeting.scheduled' },
      contact: {
        email: 'test@appointlet.com',
        fullName: 'Attendee First Name Attendee Last Name',
        firstName: 'Attendee First Name',
        lastName: 'Attendee Last Name',
        timeZone: 'America/New_York',
        metadata: { 'Custom Field 1': 'Answer 1', 'Custom Field 2': 'Answer 2', 'Example Choice Field': 'Choice 3' },
      },
      meeting: {
        id: '2751918',
        name: 'Example Meeting Type (Group)',
        start: '2024-06-03T14:00:00.000Z',
        end: '2024-06-03T14:30:00.000Z',
        durationMinutes: 30,
        status: 'pending',
        location: '123 Address Street',
        conferenceUrl: 'https://appt.link/m/eORQKVaz88/conference',
        hosts: [
          {
            id: '6293498',
            email: 'email@appointlet.com',
            fullName: 'Host First Name Host Last Name',
            firstName: 'Host First Name',
            lastName: 'Host Last Name',
            timeZone: 'America/Los_Angeles',
            status: 'confirmed',
          },
        ],
        attendees: [
          {
            id: '6293499',
            email: 'test@appointlet.com',
            fullName: 'Attendee First Name Attendee Last Name',
            firstName: 'Attendee First Name',
            lastName: 'Attendee Last Name',
            timeZone: 'America/New_York',
            status: 'requested',
          },
        ],
      },
      raw: payload,
    });
  });

  it('CalStudio Message sent', () => {
    const payload = fixture('calstudio-message-sent');
    expect(normalizeWebhook('calstudio', payload, context)).toEqual({
      id: deriveEventId(42, 'calstudio', ['Message sent', '2024-01-01T12:00:00.000Z', 'user@example.com', 'User message']),
      type: 'message.sent',
      occurredAt: '2024-01-01T12:00:00.000Z',
      receivedAt: '2025-06-01T12:00:00.000Z',
      organizationId: 42,
      source: { provider: 'calstudio', action: 'Message sent' },
      contact: { email: 'user@example.com', fullName: 'John Doe', firstName: 'John', lastName: 'Doe' },
      conversation: {
        transcript: 'User: User message\nAssistant: App response message',
        lastMessage: 'User message',
        response: 'App response message',
        appName: 'My App',
      },
      raw: payload,
    });
  });

  it('Orufy BOOK', () => {
    const payload = fixture('orufy-book');
    expect(normalizeWebhook('orufy', payload, context)).toEqual({
      id: deriveEventId(42, 'orufy', ['6613f0a2c9e77a0012ab3f01', 'BOOK', '2025-04-15T16:00:00.000Z', null]),
      type: 'meeting.booked',
      occurredAt: '2025-04-01T09:15:02.000Z',
      receivedAt: '2025-06-01T12:00:00.000Z',
      organizationId: 42,
      source: { provider: 'orufy', action: 'BOOK' },
      contact: orufyContact,
      meeting: {
        id: '6613f0a2c9e77a0012ab3f01',
        name: '30 Minute Discovery Call',
        start: '2025-04-15T16:00:00.000Z',
        end: '2025-04-15T16:30:00.000Z',
        durationMinutes: 30,
        status: 'ACTIVE',
        location: 'Google Meet',
        hosts: [orufyHost],
        attendees: [{ ...orufyAttendee, status: 'ACTIVE' }],
        payment: (payload.meetData as Payload).payment as Payload,
      },
      raw: payload,
    });
  });

  it('Orufy CANCEL happens at the cancellation timestamp', () => {
    const payload = fixture('orufy-cancel');
    expect(normalizeWebhook('orufy', payload, context)).toEqual({
      id: deriveEventId(42, 'orufy', [
        '6613f0a2c9e77a0012ab3f01',
        'CANCEL',
        '2025-04-15T16:00:00.000Z',
        '2025-04-10T12:30:00.000Z',
      ]),
      type: 'meeting.canceled',
      occurredAt: '2025-04-10T12:30:00.000Z',
      receivedAt: '2025-06-01T12:00:00.000Z',
      organizationId: 42,
      source: { provider: 'orufy', action: 'CANCEL' },
      contact: orufyContact,
      meeting: {
        id: '6613f0a2c9e77a0012ab3f01',
        name: '30 Minute Discovery Call',
        start: '2025-04-15T16:00:00.000Z',
        end: '2025-04-15T16:30:00.000Z',
        durationMinutes: 30,
        status: 'CANCELLED',
        location: 'Google Meet',
        hosts: [orufyHost],
        attendees: [{ ...orufyAttendee, status: 'CANCELLED' }],
        cancellation: { timestamp: '2025-04-10T12:30:00.000Z', reason: 'Something came up', cancelledBy: 'ATTENDEE' },
      },
      raw: payload,
    });
  });

  it('Orufy RESCHEDULE happens at the reschedule timestamp and points at the previous meeting', () => {
    const payload = fixture('orufy-reschedule');
    expect(normalizeWebhook('orufy', payload, context)).toEqual({
      id: deriveEventId(42, 'orufy', [
        '6617c4e1c9e77a0012ab4a02',
        'RESCHEDULE',
        '2025-04-17T18:30:00.000Z',
        '2025-04-11T08:05:00.000Z',
      ]),
      type: 'meeting.rescheduled',
      occurredAt: '2025-04-11T08:05:00.000Z',
      receivedAt: '2025-06-01T12:00:00.000Z',
      organizationId: 42,
      source: { provider: 'orufy', action: 'RESCHEDULE' },
      contact: orufyContact,
      meeting: {
        id: '6617c4e1c9e77a0012ab4a02',
        name: '30 Minute Discovery Call',
        start: '2025-04-17T18:30:00.000Z',
        end: '2025-04-17T19:00:00.000Z',
        durationMinutes: 30,
        status: 'ACTIVE',
        location: 'Google Meet',
        hosts: [orufyHost],
        attendees: [{ ...orufyAttendee, status: 'ACTIVE' }],
        previousMeetingId: '6613f0a2c9e77a0012ab3f01',
      },
      raw: payload,
    });
  });
});

describe('event ids', () => {
  const fixtures: [Provider, string][] = [
    ['setter', 'setter-appointment-booked'],
    ['setter', 'setter-conversation-inactive'],
    ['appointlet', 'appointlet-meeting-scheduled'],
    ['calstudio', 'calstudio-message-sent'],
    ['orufy', 'orufy-book'],
    ['orufy', 'orufy-cancel'],
    ['orufy', 'orufy-reschedule'],
  ];

  it.each(fixtures)('%s %s: a resent body keeps its id; another organization gets another', (provider, name) => {
    const first = normalizeWebhook(provider, fixture(name), context);
    const resent = normalizeWebhook(provider, fixture(name), { ...context, receivedAt: '2025-06-02T08:00:00.000Z' });
    const otherOrg = normalizeWebhook(provider, fixture(name), { ...context, organizationId: 43 });
    expect(resent.id).toBe(first.id);
    expect(otherOrg.id).not.toBe(first.id);
  });

  it('all fixtures have distinct ids', () => {
    const ids = fixtures.map(([provider, name]) => normalizeWebhook(provider, fixture(name), context).id);
    expect(new Set(ids).size).toBe(fixtures.length);
  });

  it.each(PROVIDERS)('%s: a payload without its own identity is identified by its whole body', (provider) => {
    const body = { note: 'no identity here' };
    const id = normalizeWebhook(provider, body, context).id;
    expect(normalizeWebhook(provider, { note: 'no identity here' }, context).id).toBe(id);
    expect(normalizeWebhook(provider, { note: 'another body' }, context).id).not.toBe(id);
  });
});

describe('Appointlet actions', () => {
  const seed = fixture('appointlet-meeting-scheduled');

  it.each([
    ['Meeting.scheduled', 'meeting.booked'],
    ['Meeting.cancelled', 'meeting.canceled'],
    ['Meeting.rescheduled', 'meeting.rescheduled'],
    ['Meeting.approved', 'meeting.approved'],
    ['Meeting.declined', 'meeting.declined'],
    ['Meeting.tagged', 'meeting.tagged'],
    ['Meeting.untagged', 'meeting.untagged'],
    ['Attendee.approved', 'attendee.approved'],
    ['Attendee.cancelled', 'attendee.canceled'],
    ['Attendee.declined', 'attendee.declined'],
    ['Attendee.reminded', 'attendee.reminded'],
    ['Attendee.scheduled', 'attendee.scheduled'],
    ['meeting.scheduled', 'meeting.booked'],
    ['MEETING.SCHEDULED', 'meeting.booked'],
    ['meeting_scheduled', 'meeting.booked'],
    ['meeting scheduled', 'meeting.booked'],
    ['Meeting Scheduled', 'meeting.booked'],
    ['meeting-scheduled', 'meeting.booked'],
    ['MeetingScheduled', 'meeting.booked'],
    ['Meeting.canceled', 'meeting.canceled'],
    ['meeting_cancelled', 'meeting.canceled'],
    ['Attendee.canceled', 'attendee.canceled'],
    ['ATTENDEE_CANCELLED', 'attendee.canceled'],
    ['attendee reminded', 'attendee.reminded'],
  ])('%s → %s', (action, type) => {
    const event = normalizeWebhook('appointlet', withFields(seed, { action }), context);
    expect(event.type).toBe(type);
    expect(event.source.action).toBe(action);
  });

  it('reads an Attendee entity carrying its meeting', () => {
    const meeting = structuredClone(seed.entity) as Payload;
    const attendee = (meeting.attendees as Payload[])[0];
    const payload = withFields(seed, { action: 'Attendee.reminded', entity: { ...attendee, meeting } });
    const event = normalizeWebhook('appointlet', payload, context);
    expect(event.type).toBe('attendee.reminded');
    expect(event.contact.email).toBe('test@appointlet.com');
    expect(event.meeting?.id).toBe('2751918');
    expect(event.meeting?.hosts.map((host) => host.email)).toEqual(['email@appointlet.com']);
    expect(event.meeting?.attendees.map((person) => person.email)).toEqual(['test@appointlet.com']);
    expect(event.meeting?.conferenceUrl).toBe('https://appt.link/m/eORQKVaz88/conference');
  });

  it('reads an Attendee entity whose meeting is only an id', () => {
    const attendee = (seed.entity as { attendees: Payload[] }).attendees[0];
    const payload = withFields(seed, { action: 'Attendee.scheduled', entity: { ...attendee, meeting: 2751918 } });
    expect(normalizeWebhook('appointlet', payload, context).meeting).toEqual({
      id: '2751918',
      conferenceUrl: 'https://appt.link/m/eORQKVaz88/conference',
      hosts: [],
      attendees: [
        {
          id: '6293499',
          email: 'test@appointlet.com',
          fullName: 'Attendee First Name Attendee Last Name',
          firstName: 'Attendee First Name',
          lastName: 'Attendee Last Name',
          timeZone: 'America/New_York',
          status: 'requested',
        },
      ],
    });
  });

  it('derives meeting status and tags, and keeps non-empty UTM parameters as contact metadata', () => {
    const entity = structuredClone(seed.entity) as Payload;
    Object.assign(entity, { cancelled: true, tags: [{ name: 'vip' }, 'follow-up'] });
    Object.assign((entity.attendees as Payload[])[0], { utm_source: 'newsletter', utm_medium: '' });
    const event = normalizeWebhook('appointlet', withFields(seed, { action: 'Meeting.tagged', entity }), context);
    expect(event.meeting?.status).toBe('cancelled');
    expect(event.meeting?.tags).toEqual(['vip', 'follow-up']);
    expect(event.contact.metadata).toEqual({
      'Custom Field 1': 'Answer 1',
      'Custom Field 2': 'Answer 2',
      'Example Choice Field': 'Choice 3',
      utm_source: 'newsletter',
    });
  });
});

describe('CalStudio events', () => {
  const seed = fixture('calstudio-message-sent');

  it.each([
    ['Message sent', 'message.sent'],
    ['Message Sent', 'message.sent'],
    ['message_sent', 'message.sent'],
    ['message.sent', 'message.sent'],
    ['MESSAGE_SENT', 'message.sent'],
    ['messageSent', 'message.sent'],
    ['New User Signup', 'user.signup'],
    ['New user signup', 'user.signup'],
    ['user_signup', 'user.signup'],
    ['signup', 'user.signup'],
    ['Conversation End', 'conversation.ended'],
    ['Conversation Ended', 'conversation.ended'],
    ['conversation_end', 'conversation.ended'],
    ['conversation_ended', 'conversation.ended'],
  ])('%s → %s', (event, type) => {
    const normalized = normalizeWebhook('calstudio', withFields(seed, { event }), context);
    expect(normalized.type).toBe(type);
    expect(normalized.source.action).toBe(event);
  });

  it('takes the conversation id from any of its spellings', () => {
    expect(normalizeWebhook('calstudio', withFields(seed, { session_id: 'sess-9' }), context).conversation?.id).toBe('sess-9');
    expect(normalizeWebhook('calstudio', withFields(seed, { conversationId: 'c-1' }), context).conversation?.id).toBe('c-1');
  });
});

describe('Orufy', () => {
  const book = fixture('orufy-book');

  it.each(['NO_SHOW', 'NOSHOW', 'MARK_AS_NO_SHOW', 'no-show', 'NoShow', 'markAsNoShow'])('%s → meeting.no_show', (eventType) => {
    const event = normalizeWebhook('orufy', withFields(book, { eventType }), context);
    expect(event.type).toBe('meeting.no_show');
    expect(event.source.action).toBe(eventType);
    expect(event.occurredAt).toBe('2025-04-01T09:15:02.000Z');
  });

  it('accepts case variants of BOOK / CANCEL / RESCHEDULE', () => {
    expect(typeOf('orufy', withFields(book, { eventType: 'book' }))).toBe('meeting.booked');
    expect(typeOf('orufy', withFields(book, { eventType: 'Cancel' }))).toBe('meeting.canceled');
    expect(typeOf('orufy', withFields(book, { eventType: 'reschedule' }))).toBe('meeting.rescheduled');
  });

  it('reads documented fields from the envelope as well as from meetData, and attendee key variants', () => {
    const payload = {
      eventType: 'BOOK',
      eventName: 'Intro',
      attendees: [{ firstName: 'Ana', lastName: 'Lima', phoneNumber: '11 91234 5678', countryCode: 'BR' }],
      meetData: { _id: 'm-1', time: '2025-04-15T16:00:00Z', duration: '45', modifiedEventName: '' },
    };
    const event = normalizeWebhook('orufy', payload, context);
    expect(event.contact).toEqual({
      phoneE164: '+5511912345678',
      phoneRaw: '11 91234 5678',
      fullName: 'Ana Lima',
      firstName: 'Ana',
      lastName: 'Lima',
    });
    expect(event.meeting).toEqual({
      id: 'm-1',
      name: 'Intro',
      start: '2025-04-15T16:00:00.000Z',
      end: '2025-04-15T16:45:00.000Z',
      durationMinutes: 45,
      hosts: [],
      attendees: [{ fullName: 'Ana Lima', firstName: 'Ana', lastName: 'Lima' }],
    });
    expect(event.occurredAt).toBe(context.receivedAt);
  });
});

describe('unrecognized input', () => {
  it.each([
    ['setter', { type: 'lead_created', timestamp: '2025-12-04T10:30:00.000Z', contactEmail: 'a@example.com' }, 'lead_created'],
    ['orufy', { eventType: 'UPDATE', meetData: { _id: 'm-1', attendees: [{ email: 'a@example.com' }] } }, 'UPDATE'],
    ['appointlet', { id: 1, action: 'Meeting.exploded', entity: { type: 'Meeting', id: 2, attendees: [{ email: 'a@example.com' }] } }, 'Meeting.exploded'],
    ['calstudio', { event: 'Custom Condition', user_email: 'a@example.com' }, 'Custom Condition'],
    ['setter', { contactEmail: 'a@example.com' }, ''],
    ['orufy', { meetData: { attendees: [{ email: 'a@example.com' }] } }, ''],
    ['appointlet', { entity: { type: 'Meeting', id: 2, attendees: [{ email: 'a@example.com' }] } }, ''],
    ['calstudio', { user_email: 'a@example.com' }, ''],
  ] as [Provider, Payload, string][])('%s %j → source.unrecognized', (provider, payload, action) => {
    const event = normalizeWebhook(provider, payload, context);
    expect(event.type).toBe('source.unrecognized');
    expect(event.source).toEqual({ provider, action });
    expect(event.contact.email).toBe('a@example.com');
    expect(event.raw).toEqual(payload);
    expect(event.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('contact phone', () => {
  const setter = fixture('setter-appointment-booked');

  it('reads a national number in the contact time zone', () => {
    const payload = withFields(setter, { contactPhoneNumber: '(212) 555-0147', contactWhatsappId: null });
    expect(normalizeWebhook('setter', payload, context).contact).toMatchObject({
      phoneE164: '+12125550147',
      phoneRaw: '(212) 555-0147',
    });
  });

  it('reads a national number in the country of the WhatsApp id', () => {
    const payload = withFields(setter, { contactPhoneNumber: '07911 123456', contactWhatsappId: '447911123456', timeZone: null });
    expect(normalizeWebhook('setter', payload, context).contact).toMatchObject({
      phoneE164: '+447911123456',
      phoneRaw: '07911 123456',
      whatsappId: '447911123456',
    });
  });

  it('falls back to the configured default region', () => {
    const payload = withFields(setter, { contactPhoneNumber: '06 12345678', contactWhatsappId: null, timeZone: null });
    expect(normalizeWebhook('setter', payload, { ...context, defaultPhoneRegion: 'NL' }).contact.phoneE164).toBe('+31612345678');
    expect(normalizeWebhook('setter', payload, context).contact.phoneE164).toBeUndefined();
  });

  it('keeps an unparseable number as raw text only', () => {
    const contact = normalizeWebhook('setter', withFields(setter, { contactPhoneNumber: 'call me maybe' }), context).contact;
    expect(contact.phoneRaw).toBe('call me maybe');
    expect(contact).not.toHaveProperty('phoneE164');
  });

  it('reads an Appointlet phone answer in the attendee time zone', () => {
    const seed = fixture('appointlet-meeting-scheduled');
    const entity = structuredClone(seed.entity) as { attendees: { field_submissions: Payload[] }[] };
    entity.attendees[0].field_submissions.push({ name: 'Phone', field_type: 'phone', value: '212-555-0147' });
    const contact = normalizeWebhook('appointlet', withFields(seed, { entity }), context).contact;
    expect(contact).toMatchObject({ phoneE164: '+12125550147', phoneRaw: '212-555-0147' });
    expect(contact.metadata).toMatchObject({ Phone: '212-555-0147' });
  });
});

describe('contact names', () => {
  const setter = fixture('setter-conversation-inactive');

  function namesOf(names: Payload) {
    const payload = withFields(setter, { contactFullName: null, contactFirstName: null, contactLastName: null, ...names });
    const { fullName, firstName, lastName } = normalizeWebhook('setter', payload, context).contact;
    return { fullName, firstName, lastName };
  }

  it('splits a full name: first word, then the rest', () => {
    expect(namesOf({ contactFullName: 'Mary Jane Watson' })).toEqual({ fullName: 'Mary Jane Watson', firstName: 'Mary', lastName: 'Jane Watson' });
    expect(namesOf({ contactFullName: 'Cher' })).toEqual({ fullName: 'Cher', firstName: 'Cher', lastName: undefined });
  });

  it('joins first and last names', () => {
    expect(namesOf({ contactFirstName: 'John', contactLastName: 'Doe' })).toEqual({ fullName: 'John Doe', firstName: 'John', lastName: 'Doe' });
    expect(namesOf({ contactLastName: 'Doe' })).toEqual({ fullName: 'Doe', firstName: undefined, lastName: 'Doe' });
  });

  it('completes one given part from the full name', () => {
    expect(namesOf({ contactFullName: 'Mary Jane Watson', contactFirstName: 'Mary Jane' })).toEqual({
      fullName: 'Mary Jane Watson',
      firstName: 'Mary Jane',
      lastName: 'Watson',
    });
    expect(namesOf({ contactFullName: 'Mary Jane Watson', contactLastName: 'Jane Watson' })).toEqual({
      fullName: 'Mary Jane Watson',
      firstName: 'Mary',
      lastName: 'Jane Watson',
    });
  });

  it('omits empty and null name fields', () => {
    const contact = normalizeWebhook('setter', withFields(setter, { contactFullName: '  ', contactFirstName: null, contactLastName: '' }), context).contact;
    expect(contact).not.toHaveProperty('fullName');
    expect(contact).not.toHaveProperty('firstName');
    expect(contact).not.toHaveProperty('lastName');
  });
});

describe('garbage field types still produce schema-valid events', () => {
  const garbage: [Provider, Payload][] = [
    ['setter', {}],
    ['orufy', {}],
    ['appointlet', {}],
    ['calstudio', {}],
    [
      'setter',
      {
        type: 5,
        timestamp: 'not a date',
        startTime: 99999999999999999,
        endTime: ['2025-01-01'],
        startTimeInTz: { at: 1 },
        timeZone: 7,
        contactEmail: ['x@example.com'],
        contactPhoneNumber: 12125550147,
        contactWhatsappId: true,
        contactFullName: null,
        contactFirstName: {},
        contactLastName: 3,
        contactMetadata: [1, 2],
        concatenatedConversation: 12,
        conversationStatus: 'replied',
        lastUserMessageSentAt: true,
        inactiveForDuration: null,
        botId: 'abc',
        botIntegrationId: {},
      },
    ],
    ['setter', { type: 'appointment_booked', timestamp: '+275760-09-13T00:00:00.000Z', startTime: null, conversationStatus: [1, null, {}] }],
    ['orufy', { eventType: ['BOOK'], meetData: [] }],
    [
      'orufy',
      {
        eventType: 'CANCEL',
        cancellation: 'yes',
        meetData: {
          _id: 12,
          time: 'nope',
          duration: 'thirty',
          status: false,
          agentsDetails: 'someone',
          attendees: [null, 3, { name: 7, email: {}, phone: [], timezone: 1 }],
          payment: [],
          prevMeetId: {},
          updatedAt: 'never',
        },
      },
    ],
    ['appointlet', { id: null, action: 7, created_at: {}, entity: 'x' }],
    ['appointlet', { id: [1], action: 'Attendee.scheduled', entity: { type: 'Attendee', meeting: [], field_submissions: 'no' } }],
    [
      'appointlet',
      {
        id: 1,
        action: 'Meeting.scheduled',
        created_at: 1717000000000,
        entity: {
          id: {},
          start: 'garbage',
          host: 'nobody',
          attendees: [null, 4, { id: null, email: 5, first_name: [], timezone: {}, field_submissions: [null, { name: 9, value: null }] }],
          tags: 'vip',
        },
      },
    ],
    [
      'appointlet',
      {
        id: 2,
        action: 'Meeting.scheduled',
        entity: { id: 3, start: 1717000000000, end: '2024-06-03T14:30:00Z', attendees: [{ id: 4, email: 'a@example.com', utm_source: 5 }], tags: [1, { name: null }] },
      },
    ],
    ['calstudio', { event: 42, timestamp: -1e20, user_email: {}, user_name: ['a'], last_message: ['a'], response: null, app_name: 3 }],
  ];

  it.each(garbage)('%s %j', (provider, payload) => {
    const event = normalizeWebhook(provider, payload, context);
    expect(CanonicalEventSchema.safeParse(event).success).toBe(true);
    expect(event.raw).toBe(payload);
  });

  it('coerces numbers and drops the unusable', () => {
    const [, payload] = garbage[4];
    const event = normalizeWebhook('setter', payload, context);
    expect(event.type).toBe('source.unrecognized');
    expect(event.source.action).toBe('5');
    expect(event.occurredAt).toBe(context.receivedAt);
    expect(event.contact).toEqual({ phoneE164: '+12125550147', phoneRaw: '12125550147', timeZone: '7', lastName: '3', fullName: '3' });
    expect(event.conversation).toEqual({ transcript: '12', statusTags: ['replied'] });
  });

  it('falls back to the receipt time for a date outside the ISO range', () => {
    const [, payload] = garbage[5];
    expect(normalizeWebhook('setter', payload, context).occurredAt).toBe(context.receivedAt);
  });
});
