/** A Conversation Inactive event, normalized from a Setter AI conversation_inactive webhook, as Switchboard delivers it. */
export const conversationInactiveSample = {
  id: 'evt_YPhLKrjme1QfsXdw5XGhJNJr',
  type: 'conversation.inactive',
  occurredAt: '2025-12-04T10:30:00.000Z',
  receivedAt: '2025-12-04T10:30:01.240Z',
  organizationId: 1,
  source: {
    provider: 'setter',
    action: 'conversation_inactive',
  },
  contact: {
    email: 'jane.cooper@example.com',
    phoneE164: '+14155550132',
    phoneRaw: '+1 415 555 0132',
    whatsappId: '14155550132',
    fullName: 'Jane Cooper',
    firstName: 'Jane',
    lastName: 'Cooper',
  },
  conversation: {
    transcript:
      'Lead: Hi, I saw your ad about the coaching program. How much is it?\nSetter: The program is $297 per month. Would you like to book a free strategy call first?',
    lastUserMessageAt: '2025-12-03T11:30:00.000Z',
    inactiveFor: 'PT23H',
    statusTags: ['replied'],
    botId: 123,
    botIntegrationId: 456,
  },
  raw: {
    type: 'conversation_inactive',
    timestamp: '2025-12-04T10:30:00.000Z',
    lastUserMessageSentAt: '2025-12-03T11:30:00.000Z',
    inactiveForDuration: 'PT23H',
    conversationStatus: ['replied'],
    contactEmail: 'jane.cooper@example.com',
    contactWhatsappId: '14155550132',
    contactPhoneNumber: '+1 415 555 0132',
    contactFullName: 'Jane Cooper',
    contactFirstName: 'Jane',
    contactLastName: 'Cooper',
    contactMetadata: {},
    concatenatedConversation:
      'Lead: Hi, I saw your ad about the coaching program. How much is it?\nSetter: The program is $297 per month. Would you like to book a free strategy call first?',
    botId: 123,
    botIntegrationId: 456,
  },
};
