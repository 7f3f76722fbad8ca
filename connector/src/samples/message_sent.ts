/** A Message Sent event, normalized from a CalStudio "Message sent" webhook, as Switchboard delivers it. */
export const messageSentSample = {
  id: 'evt_wwhhqLWe71m_xEC9mNRfr7PP',
  type: 'message.sent',
  occurredAt: '2025-06-02T15:42:10.000Z',
  receivedAt: '2025-06-02T15:42:11.240Z',
  organizationId: 1,
  source: {
    provider: 'calstudio',
    action: 'Message sent',
  },
  contact: {
    email: 'jane.cooper@example.com',
    fullName: 'Jane Cooper',
    firstName: 'Jane',
    lastName: 'Cooper',
  },
  conversation: {
    transcript:
      'User: How much does the Pro plan cost per month?\nAssistant: The Pro plan is $49 per month, billed annually, or $59 month to month.',
    lastMessage: 'How much does the Pro plan cost per month?',
    response: 'The Pro plan is $49 per month, billed annually, or $59 month to month.',
    appName: 'Acme Sales Assistant',
  },
  raw: {
    event: 'Message sent',
    timestamp: '2025-06-02T15:42:10.000Z',
    app_name: 'Acme Sales Assistant',
    user_email: 'jane.cooper@example.com',
    user_name: 'Jane Cooper',
    last_message: 'How much does the Pro plan cost per month?',
    response: 'The Pro plan is $49 per month, billed annually, or $59 month to month.',
  },
};
