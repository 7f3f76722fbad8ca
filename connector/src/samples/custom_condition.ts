/** A Custom Condition match: the prompt judged true on a CalStudio "Message sent" event, as Switchboard delivers it. */
export const customConditionSample = {
  id: 'evt_Z0ZTVj0VXcPDxqfa4eew-wnC',
  type: 'condition.matched',
  occurredAt: '2025-06-02T15:47:25.000Z',
  receivedAt: '2025-06-02T15:47:26.550Z',
  organizationId: 1,
  source: {
    provider: 'engine',
    action: 'condition.matched',
  },
  contact: {
    email: 'jane.cooper@example.com',
    fullName: 'Jane Cooper',
    firstName: 'Jane',
    lastName: 'Cooper',
  },
  conversation: {
    transcript:
      'User: Sure, you can reach me at jane.cooper@example.com\nAssistant: Thanks, Jane! A specialist will email you within one business day.',
    lastMessage: 'Sure, you can reach me at jane.cooper@example.com',
    response: 'Thanks, Jane! A specialist will email you within one business day.',
    appName: 'Acme Sales Assistant',
  },
  condition: {
    ruleId: 'hook_Xr4tQ9vLm2Bn',
    prompt: 'When the user provides their email address',
    matched: true,
    reason: 'The user gave an email address: jane.cooper@example.com',
    evaluator: 'local',
    confidence: 0.95,
    triggeredBy: 'evt_DIc8s7s2Y4Q8HRc3Po3WtfeI',
  },
  raw: {
    triggeredBy: {
      id: 'evt_DIc8s7s2Y4Q8HRc3Po3WtfeI',
      type: 'message.sent',
      source: {
        provider: 'calstudio',
        action: 'Message sent',
      },
    },
  },
};
