/** A New User Signup event, normalized from a CalStudio "New User Signup" webhook, as Switchboard delivers it. */
export const userSignupSample = {
  id: 'evt_CTRCSgXIFbe6hDyGPoNcZXFU',
  type: 'user.signup',
  occurredAt: '2025-06-02T15:40:02.000Z',
  receivedAt: '2025-06-02T15:40:03.240Z',
  organizationId: 1,
  source: {
    provider: 'calstudio',
    action: 'New User Signup',
  },
  contact: {
    email: 'jane.cooper@example.com',
    fullName: 'Jane Cooper',
    firstName: 'Jane',
    lastName: 'Cooper',
  },
  conversation: {
    appName: 'Acme Sales Assistant',
  },
  raw: {
    event: 'New User Signup',
    timestamp: '2025-06-02T15:40:02.000Z',
    app_name: 'Acme Sales Assistant',
    user_email: 'jane.cooper@example.com',
    user_name: 'Jane Cooper',
  },
};
