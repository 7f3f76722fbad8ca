import type { Contact, Conversation, EventType, Meeting } from '../events/schema.js';
import {
  actionKey,
  actionOf,
  asNumber,
  asText,
  asTextList,
  canonicalEvent,
  contactAsPerson,
  contactFrom,
  minutesBetween,
  payloadDigest,
  toIsoUtc,
  unlessEmpty,
  withoutUndefined,
} from './normalize-helpers.js';
import type { NormalizeContext, SourceAdapter } from './types.js';

const EVENT_TYPE_BY_ACTION: Record<string, EventType> = {
  appointment_booked: 'appointment.booked',
  conversation_inactive: 'conversation.inactive',
};

function contactOf(payload: Record<string, unknown>, context: NormalizeContext): Contact {
  return contactFrom(
    {
      email: payload.contactEmail,
      phone: payload.contactPhoneNumber,
      whatsappId: payload.contactWhatsappId,
      fullName: payload.contactFullName,
      firstName: payload.contactFirstName,
      lastName: payload.contactLastName,
      timeZone: payload.timeZone,
      metadata: payload.contactMetadata,
    },
    context,
  );
}

function conversationOf(payload: Record<string, unknown>): Conversation | undefined {
  return unlessEmpty({
    transcript: asText(payload.concatenatedConversation),
    botId: asNumber(payload.botId),
    botIntegrationId: asNumber(payload.botIntegrationId),
    statusTags: asTextList(payload.conversationStatus),
    lastUserMessageAt: toIsoUtc(payload.lastUserMessageSentAt),
    inactiveFor: asText(payload.inactiveForDuration),
  });
}

/** Setter's contact key: the first identifier it gave, so a meeting id is stable across resends. */
function contactKey(contact: Contact): string {
  return contact.email ?? contact.phoneE164 ?? contact.phoneRaw ?? contact.whatsappId ?? '';
}

function appointmentOf(payload: Record<string, unknown>, contact: Contact): Meeting {
  const start = toIsoUtc(payload.startTime);
  const end = toIsoUtc(payload.endTime);
  const botIntegrationId = asText(payload.botIntegrationId) ?? '';
  return withoutUndefined({
    id: `setter:${botIntegrationId}:${start ?? asText(payload.startTime) ?? ''}:${contactKey(contact)}`,
    start,
    end,
    startInTz: asText(payload.startTimeInTz),
    timeZone: asText(payload.timeZone),
    durationMinutes: minutesBetween(start, end),
    hosts: [],
    attendees: [contactAsPerson(contact)],
  });
}

export const setterAdapter: SourceAdapter = {
  provider: 'setter',
  normalize(payload, context) {
    const action = actionOf(payload.type);
    const type = EVENT_TYPE_BY_ACTION[actionKey(action)] ?? 'source.unrecognized';
    const timestamp = asText(payload.timestamp);
    const contact = contactOf(payload, context);
    const identity = timestamp
      ? [action, timestamp, contact.email ?? null, contact.phoneRaw ?? null, contact.whatsappId ?? null, asText(payload.startTime) ?? null]
      : [payloadDigest(payload)];
    return canonicalEvent(
      {
        provider: 'setter',
        action,
        type,
        identity,
        occurredAt: toIsoUtc(payload.timestamp),
        contact,
        meeting: type === 'appointment.booked' ? appointmentOf(payload, contact) : undefined,
        conversation: conversationOf(payload),
        payload,
      },
      context,
    );
  },
};
