import type { PlainOutputField } from 'zapier-platform-core';

const PERSON_FIELDS = [
  ['id', 'ID'],
  ['email', 'Email'],
  ['fullName', 'Full Name'],
  ['firstName', 'First Name'],
  ['lastName', 'Last Name'],
  ['timeZone', 'Time Zone'],
  ['status', 'Status'],
] as const;

/** The fields of each person in a meeting's host or attendee list. */
const personFields = (list: 'hosts' | 'attendees', role: string): PlainOutputField[] =>
  PERSON_FIELDS.map(([key, label]) => ({ key: `meeting__${list}[]${key}`, label: `${role} ${label}` }));

/**
 * Human labels for the canonical event, keyed the way Zapier flattens it (`contact__email`,
 * `meeting__hosts[]email`). Provider-defined records (`contact.metadata`, `meeting.payment`,
 * `meeting.cancellation`, `raw`) keep their own keys; only the well-known ones are labelled here.
 */
export const EVENT_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Event ID' },
  { key: 'type', label: 'Event Type' },
  { key: 'occurredAt', label: 'Occurred At', type: 'datetime' },
  { key: 'receivedAt', label: 'Received At', type: 'datetime' },
  { key: 'organizationId', label: 'Organization ID', type: 'integer' },
  { key: 'source__provider', label: 'Source Platform' },
  { key: 'source__action', label: 'Source Event' },

  { key: 'contact__email', label: 'Contact Email' },
  { key: 'contact__phoneE164', label: 'Contact Phone' },
  { key: 'contact__phoneRaw', label: 'Contact Phone (As Received)' },
  { key: 'contact__whatsappId', label: 'Contact WhatsApp ID' },
  { key: 'contact__fullName', label: 'Contact Full Name' },
  { key: 'contact__firstName', label: 'Contact First Name' },
  { key: 'contact__lastName', label: 'Contact Last Name' },
  { key: 'contact__timeZone', label: 'Contact Time Zone' },

  { key: 'meeting__id', label: 'Meeting ID' },
  { key: 'meeting__name', label: 'Meeting Name' },
  { key: 'meeting__start', label: 'Meeting Start', type: 'datetime' },
  { key: 'meeting__end', label: 'Meeting End', type: 'datetime' },
  { key: 'meeting__startInTz', label: 'Meeting Start (Local Time)' },
  { key: 'meeting__timeZone', label: 'Meeting Time Zone' },
  { key: 'meeting__durationMinutes', label: 'Duration (Minutes)', type: 'integer' },
  { key: 'meeting__status', label: 'Meeting Status' },
  { key: 'meeting__location', label: 'Meeting Location' },
  { key: 'meeting__conferenceUrl', label: 'Conference URL' },
  { key: 'meeting__previousMeetingId', label: 'Previous Meeting ID' },
  { key: 'meeting__tags', label: 'Meeting Tags', list: true },
  ...personFields('hosts', 'Host'),
  ...personFields('attendees', 'Attendee'),
  { key: 'meeting__cancellation__reason', label: 'Cancellation Reason' },
  { key: 'meeting__cancellation__cancelledBy', label: 'Canceled By' },
  { key: 'meeting__cancellation__timestamp', label: 'Canceled At', type: 'datetime' },
  { key: 'meeting__payment__amount', label: 'Payment Amount', type: 'number' },
  { key: 'meeting__payment__currencyCode', label: 'Payment Currency' },
  { key: 'meeting__payment__method', label: 'Payment Method' },
  { key: 'meeting__payment__status', label: 'Payment Status' },
  { key: 'meeting__payment__paymentTime', label: 'Paid At', type: 'datetime' },
  { key: 'meeting__payment__orderId', label: 'Order ID' },
  { key: 'meeting__payment__externalPaymentId', label: 'Payment Processor ID' },
  { key: 'meeting__payment__billingName', label: 'Billing Name' },
  { key: 'meeting__payment__billingAddress', label: 'Billing Address' },

  { key: 'conversation__id', label: 'Conversation ID' },
  { key: 'conversation__appName', label: 'App Name' },
  { key: 'conversation__lastMessage', label: 'Last User Message' },
  { key: 'conversation__response', label: 'Assistant Response' },
  { key: 'conversation__transcript', label: 'Transcript' },
  { key: 'conversation__lastUserMessageAt', label: 'Last User Message At', type: 'datetime' },
  { key: 'conversation__inactiveFor', label: 'Inactive For' },
  { key: 'conversation__statusTags', label: 'Conversation Status Tags', list: true },
  { key: 'conversation__botId', label: 'Bot ID', type: 'integer' },
  { key: 'conversation__botIntegrationId', label: 'Bot Integration ID', type: 'integer' },

  { key: 'condition__prompt', label: 'Condition' },
  { key: 'condition__matched', label: 'Condition Matched', type: 'boolean' },
  { key: 'condition__reason', label: 'Match Reason' },
  { key: 'condition__confidence', label: 'Match Confidence', type: 'number' },
  { key: 'condition__evaluator', label: 'Evaluator' },
  { key: 'condition__ruleId', label: 'Rule ID' },
  { key: 'condition__triggeredBy', label: 'Triggering Event ID' },
  { key: 'raw__triggeredBy__type', label: 'Triggering Event Type' },
];

/** The value at a Zapier output-field key: `a__b` descends into objects, `a[]b` into every item of a list. */
export function valuesAt(record: unknown, key: string): unknown[] {
  let values: unknown[] = [record];
  for (const segment of key.split('__')) {
    const [listName, itemKey] = segment.split('[]');
    values = values.flatMap((value) => {
      const child = isObject(value) ? value[listName] : undefined;
      if (itemKey === undefined) return child === undefined ? [] : [child];
      return Array.isArray(child)
        ? child.flatMap((item) => (isObject(item) && itemKey in item ? [item[itemKey]] : []))
        : [];
    });
  }
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The labelled fields a sample carries, so a trigger's `outputFields` and its `sample` agree by construction. */
export function outputFieldsFor(sample: Record<string, unknown>): PlainOutputField[] {
  return EVENT_FIELDS.filter((field) => valuesAt(sample, field.key).length > 0);
}
