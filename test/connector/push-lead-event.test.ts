import nock from 'nock';
import zapier from 'zapier-platform-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import app from '../../connector/src/index.js';
import { API_KEY, BASE_URL, authData, performOf, zapierErrorOf } from './zapier-helpers.js';

const appTester = zapier.createAppTester(app);
const perform = performOf(app.creates.push_lead_event);
const engine = () =>
  nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
    .get('/api/v1/me')
    .reply(200, { organizationId: 42, name: 'Acme' });

const inputData = {
  eventType: 'mastery_purchase',
  phone: '+15551234567',
  occurredAt: '2026-05-12T18:34:00Z',
  metadata: { orderId: 'ord_9F2', amountUsd: '297' },
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Push Lead Event', () => {
  it("posts one event for the connection's organization and returns the outcome", async () => {
    const outcome = { status: 'accepted', received: 1, inserted: 1, duplicates: 0, rejected: 0, rejects: [] };
    const scope = engine()
      .post('/api/v1/webhooks/lead-events', {
        organizationId: 42,
        eventType: 'mastery_purchase',
        events: [
          {
            phoneE164: '+15551234567',
            occurredAt: '2026-05-12T18:34:00Z',
            metadata: { orderId: 'ord_9F2', amountUsd: '297' },
          },
        ],
      })
      .reply(200, outcome);

    await expect(appTester(perform, { authData, inputData })).resolves.toEqual(outcome);
    scope.done();
  });

  it('dates an event without a time at the moment the Zap runs', async () => {
    let occurredAt = '';
    engine()
      .post('/api/v1/webhooks/lead-events', (body) => {
        occurredAt = body.events[0].occurredAt;
        return true;
      })
      .reply(200, { status: 'accepted', received: 1, inserted: 1, duplicates: 0, rejected: 0, rejects: [] });
    const before = Date.now();

    await appTester(perform, { authData, inputData: { eventType: 'webinar_attended', phone: '+447700900123' } });

    expect(Date.parse(occurredAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(occurredAt)).toBeLessThanOrEqual(Date.now());
  });

  it('succeeds on a resent event, reporting it as a duplicate', async () => {
    const outcome = { status: 'accepted', received: 1, inserted: 0, duplicates: 1, rejected: 0, rejects: [] };
    engine().post('/api/v1/webhooks/lead-events').reply(200, outcome);

    await expect(appTester(perform, { authData, inputData })).resolves.toEqual(outcome);
  });

  it('fails with the reason when the event is rejected', async () => {
    engine()
      .post('/api/v1/webhooks/lead-events')
      .reply(200, {
        status: 'accepted',
        received: 1,
        inserted: 0,
        duplicates: 0,
        rejected: 1,
        rejects: [{ index: 0, phoneE164: '+1555', reason: 'invalid phoneE164' }],
      });

    const error = await zapierErrorOf(appTester(perform, { authData, inputData: { ...inputData, phone: '+1555' } }));

    expect(error).toEqual({
      message: 'Switchboard rejected the event: invalid phoneE164 (+1555)',
      code: 'InvalidData',
      status: 400,
    });
  });

  it('asks to reconnect when the API key stopped working', async () => {
    nock(BASE_URL)
      .get('/api/v1/me')
      .reply(401, { error: { code: 'unauthorized', message: 'API key revoked.' } });

    const error = await zapierErrorOf(appTester(perform, { authData, inputData }));

    expect(error).toMatchObject({ code: 'AuthenticationError', status: 401 });
  });
});
