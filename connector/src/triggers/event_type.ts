import { defineTrigger, type ZObject } from 'zapier-platform-core';

interface EventTypeDescription {
  type: string;
  label: string;
  description: string;
}

interface EventTypeChoice extends EventTypeDescription {
  id: string;
}

/** A condition matching is itself an event; judging conditions on it would chain rules into loops. */
const NOT_A_CONDITION_SOURCE = 'condition.matched';

async function perform(z: ZObject): Promise<EventTypeChoice[]> {
  const response = await z.request<EventTypeDescription[]>({ url: '/api/v1/event-types' });
  return response.data
    .filter((eventType) => eventType.type !== NOT_A_CONDITION_SOURCE)
    .map((eventType) => ({ id: eventType.type, ...eventType }));
}

/** Feeds the Custom Condition trigger's "Judge On" dropdown. */
export default defineTrigger({
  key: 'event_type',
  noun: 'Event Type',
  display: {
    label: 'List of Event Types',
    description: 'Lists the event types Switchboard normalizes, for dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    sample: {
      id: 'message.sent',
      type: 'message.sent',
      label: 'Message Sent',
      description: 'A user sent a message to a CalStudio AI app.',
    },
    outputFields: [
      { key: 'id', label: 'ID' },
      { key: 'type', label: 'Event Type' },
      { key: 'label', label: 'Name' },
      { key: 'description', label: 'Description' },
    ],
  },
});
