/** A Conversation Ended event, normalized from a CalStudio "Conversation End" webhook, as Switchboard delivers it. */
export const conversationEndedSample = {
  id: 'evt_pb72v9fnb6Bm4YRHWsgHRPHZ',
  type: 'conversation.ended',
  occurredAt: '2025-06-02T15:58:37.000Z',
  receivedAt: '2025-06-02T15:58:38.240Z',
  organizationId: 1,
  source: {
    provider: 'calstudio',
    action: 'Conversation End',
  },
  contact: {
    email: 'jane.cooper@example.com',
    fullName: 'Jane Cooper',
    firstName: 'Jane',
    lastName: 'Cooper',
  },
  conversation: {
    transcript: 'User: Great, thanks for your help!\nAssistant: You are welcome, Jane. Have a great day!',
    lastMessage: 'Great, thanks for your help!',
    response: 'You are welcome, Jane. Have a great day!',
    appName: 'Acme Sales Assistant',
  },
  raw: {
    event: 'Conversation End',
    timestamp: '2025-06-02T15:58:37.000Z',
    app_name: 'Acme Sales Assistant',
    user_email: 'jane.cooper@example.com',
    user_name: 'Jane Cooper',
    last_message: 'Great, thanks for your help!',
    response: 'You are welcome, Jane. Have a great day!',
  },
};
