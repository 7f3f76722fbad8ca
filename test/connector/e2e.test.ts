// The connector against the real engine on loopback: no nock. Zapier's side of a REST hook is a
// local HTTP server standing in for the Zap's target URL.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import zapier from 'zapier-platform-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import authentication from '../../connector/src/authentication.js';
import app from '../../connector/src/index.js';
import { inboundUrl, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { hookFunctionsOf, performOf, zapierErrorOf } from './zapier-helpers.js';

const appTester = zapier.createAppTester(app);
const DELIVERY_TIMEOUT = { timeout: 15_000, interval: 25 };

interface Delivery {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

interface HookTarget {
  url: string;
  deliveries: Delivery[];
  /** The status every later delivery gets: 410 is how Zapier says the Zap is gone. */
  answerWith(status: number): void;
  /** The n-th delivery (0-based), once it has arrived. */
  delivery(index: number): Promise<Delivery>;
  close(): Promise<void>;
}

async function startHookTarget(): Promise<HookTarget> {
  const deliveries: Delivery[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/catch/1/abc/`,
    deliveries,
    answerWith(next) {
      status = next;
    },
    delivery(index) {
      return vi.waitFor(() => {
        const delivery = deliveries[index];
        if (!delivery) throw new Error(`delivery ${index} has not arrived`);
        return delivery;
      }, DELIVERY_TIMEOUT);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

let engine: TestEngine;
let targets: HookTarget[] = [];
const authData = () => ({ baseUrl: engine.url, apiKey: engine.apiKey });

async function newTarget(): Promise<HookTarget> {
  const target = await startHookTarget();
  targets.push(target);
  return target;
}

async function sendWebhook(provider: string, payload: unknown): Promise<void> {
  const response = await fetch(await inboundUrl(engine, provider), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(response.status).toBe(202);
}

async function hookStatus(hookId: string): Promise<number> {
  return (await engine.api(`/api/v1/hooks/${hookId}`)).status;
}

beforeAll(async () => {
  engine = await startTestEngine();
});
afterEach(async () => {
  await Promise.all(targets.map((target) => target.close()));
  targets = [];
});
afterAll(() => engine.close());

describe('connector ↔ engine', () => {
  it('connects with the API key and labels the connection with the organization', async () => {
    const me = await appTester(authentication.test, { authData: authData() });
    const label = await appTester(authentication.connectionLabel, { authData: authData(), inputData: me });

    expect(me).toEqual({ organizationId: 1, name: 'Default organization' });
    expect(label).toBe(`Default organization (${new URL(engine.url).host})`);
  });

  it('refuses a wrong API key with an AuthenticationError', async () => {
    const error = await zapierErrorOf(
      appTester(authentication.test, { authData: { ...authData(), apiKey: 'sk_wrong' } }),
    );

    expect(error).toEqual({
      message:
        'Switchboard did not accept the API key: the API key is not valid. Check the API key and the Switchboard URL of this connection.',
      code: 'AuthenticationError',
      status: 401,
    });
  });

  it('delivers an inbound webhook to a subscribed Zap, and drops the subscription when the Zap answers 410', async () => {
    const trigger = hookFunctionsOf(app.triggers.appointment_booked);
    const target = await newTarget();
    const booked = await fixture('setter-appointment-booked');

    const { id: hookId } = (await appTester(trigger.performSubscribe, {
      authData: authData(),
      targetUrl: target.url,
    })) as { id: string };
    expect(await hookStatus(hookId)).toBe(200);

    await sendWebhook('setter', booked);
    const delivery = await target.delivery(0);
    expect(delivery.headers).toMatchObject({
      'webhook-id': expect.any(String),
      'webhook-timestamp': expect.stringMatching(/^\d+$/),
      'webhook-signature': expect.stringMatching(/^v1,/),
    });

    const [output] = (await appTester(trigger.perform, {
      authData: authData(),
      cleanedRequest: delivery.body,
    })) as Record<string, unknown>[];
    expect(output).toMatchObject({
      type: 'appointment.booked',
      source: { provider: 'setter', action: 'appointment_booked' },
      contact: { email: 'user@example.com', fullName: 'John Doe' },
      meeting: { start: '2025-12-05T14:00:00.000Z', durationMinutes: 60 },
      raw: booked,
    });

    // The Zap editor's sample is the same event, in the same shape, as the delivery.
    const listed = (await appTester(trigger.performList, { authData: authData() })) as Record<string, unknown>[];
    expect(listed[0]).toEqual(delivery.body);

    target.answerWith(410);
    await sendWebhook('setter', { ...booked, timestamp: '2025-12-04T11:45:00.000Z' });
    await target.delivery(1);
    await vi.waitFor(async () => expect(await hookStatus(hookId)).toBe(404), DELIVERY_TIMEOUT);

    // Zapier may still unsubscribe the Zap it was turning off: a hook already gone is fine.
    await expect(
      appTester(trigger.performUnsubscribe, { authData: authData(), subscribeData: { id: hookId } }),
    ).resolves.toEqual({});
  });

  it('removes a live subscription on performUnsubscribe', async () => {
    const trigger = hookFunctionsOf(app.triggers.meeting_booked);
    const target = await newTarget();
    const { id: hookId } = (await appTester(trigger.performSubscribe, {
      authData: authData(),
      targetUrl: target.url,
    })) as { id: string };
    expect(await hookStatus(hookId)).toBe(200);

    await appTester(trigger.performUnsubscribe, { authData: authData(), subscribeData: { id: hookId } });

    expect(await hookStatus(hookId)).toBe(404);
  });

  it('fires Custom Condition with the local evaluator only for the message that gives an email address', async () => {
    const trigger = hookFunctionsOf(app.triggers.custom_condition);
    const target = await newTarget();
    const prompt = 'When the user provides their email address';
    const message = await fixture('calstudio-message-sent');
    await appTester(trigger.performSubscribe, {
      authData: authData(),
      targetUrl: target.url,
      inputData: { prompt, once: 'always' },
    });

    await sendWebhook('calstudio', {
      ...message,
      timestamp: '2025-06-02T15:42:10.000Z',
      last_message: 'How much is the Pro plan?',
    });
    await sendWebhook('calstudio', {
      ...message,
      timestamp: '2025-06-02T15:47:25.000Z',
      last_message: 'Sure, you can reach me at jane.cooper@example.com',
    });
    const delivery = await target.delivery(0);

    const [output] = (await appTester(trigger.perform, {
      authData: authData(),
      cleanedRequest: delivery.body,
    })) as Record<string, unknown>[];
    expect(output).toMatchObject({
      type: 'condition.matched',
      conversation: { lastMessage: 'Sure, you can reach me at jane.cooper@example.com' },
      condition: { prompt, matched: true, evaluator: 'local' },
    });
    expect(target.deliveries).toHaveLength(1);
  });

  it('offers the engine’s event types in the Custom Condition dropdown', async () => {
    const choices = (await appTester(performOf(app.triggers.event_type), { authData: authData() })) as { id: string }[];
    const offered = choices.map((choice) => choice.id);

    expect(offered).toEqual(expect.arrayContaining(['message.sent', 'conversation.ended', 'meeting.booked']));
    expect(offered).not.toContain('condition.matched');
  });

  it('pushes lead events to the real lead-events API: stored, deduplicated, rejected with the reason', async () => {
    const push = performOf(app.creates.push_lead_event);
    const inputData = {
      eventType: 'mastery_purchase',
      phone: '+14155550132',
      occurredAt: '2026-05-12T18:34:00Z',
      metadata: { orderId: 'ord_9F2' },
    };

    await expect(appTester(push, { authData: authData(), inputData })).resolves.toMatchObject({
      status: 'accepted',
      received: 1,
      inserted: 1,
      duplicates: 0,
      rejected: 0,
    });
    await expect(appTester(push, { authData: authData(), inputData })).resolves.toMatchObject({
      inserted: 0,
      duplicates: 1,
    });

    const error = await zapierErrorOf(
      appTester(push, { authData: authData(), inputData: { ...inputData, phone: '+1555' } }),
    );
    expect(error).toMatchObject({
      message: 'Switchboard rejected the event: invalid phoneE164 (+1555)',
      code: 'InvalidData',
    });

    const stored = await (await engine.api('/api/v1/leads/%2B14155550132/events')).json();
    expect(JSON.stringify(stored)).toContain('mastery_purchase');
  });
});
