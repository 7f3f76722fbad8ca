import { defineCreate, defineInputFields, type CreatePerform, type InferInputData } from 'zapier-platform-core';

interface LeadEventsResult {
  status: string;
  received: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejects: { index: number; phoneE164: unknown; reason: string }[];
}

const inputFields = defineInputFields([
  {
    key: 'eventType',
    label: 'Event Type',
    required: true,
    placeholder: 'mastery_purchase',
    helpText:
      'What the lead did, as a name you choose in snake_case, such as `mastery_purchase`, `webinar_attended`, `trial_started` or `cart_abandoned` (up to 128 characters). Campaign sends filter on this exact name, so spell it the same way every time.',
  },
  {
    key: 'phone',
    label: 'Phone Number',
    required: true,
    placeholder: '+15551234567',
    helpText:
      "The lead's phone number, best in international form (`+15551234567`); it may also come without the `+` or with spaces and dashes.",
  },
  {
    key: 'occurredAt',
    label: 'Occurred At',
    type: 'datetime',
    required: false,
    helpText:
      'When it happened. Leave empty for the moment the Zap runs. Mapping a time from an earlier step is better: the same event sent twice is then counted once.',
  },
  {
    key: 'metadata',
    label: 'Metadata',
    dict: true,
    required: false,
    helpText: 'Details to keep with the event (up to 8 KB), such as `orderId` → `ord_9F2` or `amountUsd` → `297`.',
  },
]);

const perform = (async (z, bundle) => {
  const { eventType, phone, occurredAt, metadata } = bundle.inputData;
  const me = await z.request<{ organizationId: number }>({ url: '/api/v1/me' });
  const response = await z.request<LeadEventsResult>({
    method: 'POST',
    url: '/api/v1/webhooks/lead-events',
    body: {
      organizationId: me.data.organizationId,
      eventType,
      events: [{ phoneE164: phone, occurredAt: occurredAt ?? new Date().toISOString(), metadata }],
    },
  });
  const result = response.data;
  // The API rejects bad rows one by one inside a 200; with a single row that is this step's failure.
  const [reject] = result.rejects;
  if (reject) {
    throw new z.errors.Error(`Switchboard rejected the event: ${reject.reason} (${phone})`, 'InvalidData', 400);
  }
  return result;
}) satisfies CreatePerform<InferInputData<typeof inputFields>>;

export default defineCreate({
  key: 'push_lead_event',
  noun: 'Lead Event',
  display: {
    label: 'Push Lead Event',
    description:
      'Records that a phone number did something (a purchase, a webinar visit…), so campaign sends can include or skip that lead.',
  },
  operation: {
    inputFields,
    perform,
    sample: { status: 'accepted', received: 1, inserted: 1, duplicates: 0, rejected: 0, rejects: [] },
    outputFields: [
      { key: 'status', label: 'Status' },
      { key: 'received', label: 'Events Received', type: 'integer' },
      { key: 'inserted', label: 'Events Stored', type: 'integer' },
      { key: 'duplicates', label: 'Duplicates Skipped', type: 'integer' },
      { key: 'rejected', label: 'Events Rejected', type: 'integer' },
      { key: 'rejects[]index', label: 'Rejected Row', type: 'integer' },
      { key: 'rejects[]phoneE164', label: 'Rejected Phone' },
      { key: 'rejects[]reason', label: 'Rejection Reason' },
    ],
  },
});
