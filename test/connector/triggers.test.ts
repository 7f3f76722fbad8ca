import nock from 'nock';
import zapier from 'zapier-platform-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import app from '../../connector/src/index.js';
import { API_KEY, BASE_URL, authData, hookFunctionsOf, performOf, zapierErrorOf } from './zapier-helpers.js';

const appTester = zapier.createAppTester(app);
const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/1234567/abcdef/';

/** Each REST-hook trigger and the canonical event type it must subscribe to. */
const HOOK_TRIGGERS = [
  ['meeting_booked', 'meeting.booked'],
  ['meeting_canceled', 'meeting.canceled'],
  ['meeting_rescheduled', 'meeting.rescheduled'],
  ['meeting_approved', 'meeting.approved'],
  ['meeting_declined', 'meeting.declined'],
  ['appointment_booked', 'appointment.booked'],
  ['conversation_inactive', 'conversation.inactive'],
  ['conversation_ended', 'conversation.ended'],
  ['message_sent', 'message.sent'],
  ['user_signup', 'user.signup'],
  ['custom_condition', 'condition.matched'],
] as const;

const engine = () => nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each(HOOK_TRIGGERS)('%s', (key, eventType) => {
  const trigger = app.triggers[key];
  const operation = hookFunctionsOf(trigger);
  const sample = trigger.operation.sample as { id: string; type: string };
  const customConditionInput = { prompt: 'When the user provides their email address', once: 'per-conversation' };
  const inputData = key === 'custom_condition' ? customConditionInput : {};

  it(`subscribes a hook on ${eventType} for the Zap's target URL and keeps its id`, async () => {
    const scope = engine()
      .post('/api/v1/hooks', (body) => body.event === eventType && body.targetUrl === TARGET_URL)
      .reply(201, { id: 'hook_1', event: eventType, targetUrl: TARGET_URL, secret: 'whsec_not_for_zapier' });

    const subscribeData = await appTester(operation.performSubscribe, { authData, inputData, targetUrl: TARGET_URL });

    expect(subscribeData).toEqual({ id: 'hook_1' });
    scope.done();
  });

  it('unsubscribes by deleting the hook', async () => {
    const scope = engine().delete('/api/v1/hooks/hook_1').reply(204);

    await expect(
      appTester(operation.performUnsubscribe, { authData, subscribeData: { id: 'hook_1' } }),
    ).resolves.toEqual({});
    scope.done();
  });

  it('treats a hook the engine already dropped as unsubscribed', async () => {
    const scope = engine()
      .delete('/api/v1/hooks/hook_1')
      .reply(404, { error: { code: 'not_found', message: 'hook hook_1 not found' } });

    await expect(
      appTester(operation.performUnsubscribe, { authData, subscribeData: { id: 'hook_1' } }),
    ).resolves.toEqual({});
    scope.done();
  });

  it('returns the delivered event as the one trigger record', async () => {
    const delivered = { ...sample, id: 'evt_delivered' };

    await expect(appTester(operation.perform, { authData, cleanedRequest: delivered })).resolves.toEqual([delivered]);
  });

  it(`lists recent ${eventType} events for the Zap editor`, async () => {
    const recent = [
      { ...sample, id: 'evt_newest' },
      { ...sample, id: 'evt_older' },
    ];
    const scope = engine().get('/api/v1/events').query({ type: eventType, limit: '3' }).reply(200, recent);

    await expect(appTester(operation.performList, { authData, inputData })).resolves.toEqual(recent);
    scope.done();
  });

  it('lists the static sample when no event has arrived yet', async () => {
    const scope = engine().get('/api/v1/events').query({ type: eventType, limit: '3' }).reply(200, []);

    await expect(appTester(operation.performList, { authData, inputData })).resolves.toEqual([sample]);
    scope.done();
  });
});

describe('hook errors', () => {
  const operation = hookFunctionsOf(app.triggers.meeting_booked);

  it("shows the engine's message when a subscription is refused", async () => {
    engine()
      .post('/api/v1/hooks')
      .reply(400, { error: { code: 'validation_error', message: 'targetUrl must be an https URL' } });

    const error = await zapierErrorOf(appTester(operation.performSubscribe, { authData, targetUrl: 'ftp://nope' }));

    expect(error).toEqual({ message: 'targetUrl must be an https URL', code: 'validation_error', status: 400 });
  });

  it('fails an unsubscribe the engine could not carry out, so Zapier retries it', async () => {
    engine()
      .delete('/api/v1/hooks/hook_1')
      .reply(500, { error: { code: 'internal', message: 'The store is unavailable' } });

    const error = await zapierErrorOf(
      appTester(operation.performUnsubscribe, { authData, subscribeData: { id: 'hook_1' } }),
    );

    expect(error).toMatchObject({ message: 'The store is unavailable', status: 500 });
  });
});

describe('Custom Condition', () => {
  const operation = hookFunctionsOf(app.triggers.custom_condition);
  const prompt = 'When a user asks about pricing or costs';

  async function subscribedHookBody(inputData: Record<string, unknown>): Promise<Record<string, unknown>> {
    let hookBody: Record<string, unknown> = {};
    engine()
      .post('/api/v1/hooks', (body) => {
        hookBody = body;
        return true;
      })
      .reply(201, { id: 'hook_condition' });
    await appTester(operation.performSubscribe, { authData, inputData, targetUrl: TARGET_URL });
    return hookBody;
  }

  it('creates a condition.matched hook judged on Message Sent and Conversation Ended by default', async () => {
    const body = await subscribedHookBody({ prompt, once: 'per-conversation' });

    expect(body).toEqual({
      event: 'condition.matched',
      targetUrl: TARGET_URL,
      prompt,
      on: ['message.sent', 'conversation.ended'],
      once: 'per-conversation',
    });
  });

  it('passes the chosen events, frequency and JSONata pre-filter', async () => {
    const body = await subscribedHookBody({
      prompt,
      events: ['appointment.booked'],
      once: 'per-contact',
      when: '  conversation.appName = "Acme Sales Assistant" ',
    });

    expect(body).toMatchObject({
      on: ['appointment.booked'],
      once: 'per-contact',
      when: 'conversation.appName = "Acme Sales Assistant"',
    });
  });

  it('offers the event types the engine lists, except condition matches themselves', async () => {
    engine()
      .get('/api/v1/event-types')
      .reply(200, [
        { type: 'message.sent', label: 'Message Sent', description: 'A user sent a message.' },
        { type: 'conversation.ended', label: 'Conversation Ended', description: 'A chat session ended.' },
        { type: 'condition.matched', label: 'Custom Condition', description: 'A rule matched.' },
      ]);

    const choices = await appTester(performOf(app.triggers.event_type), { authData });

    expect(choices).toEqual([
      { id: 'message.sent', type: 'message.sent', label: 'Message Sent', description: 'A user sent a message.' },
      {
        id: 'conversation.ended',
        type: 'conversation.ended',
        label: 'Conversation Ended',
        description: 'A chat session ended.',
      },
    ]);
  });
});
