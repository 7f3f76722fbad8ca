import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { inboundUrl, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { eventually, sleep, startReceiver, type Reply } from '../helpers/receiver.js';

const fixture = async (name: string) => JSON.parse(await readFile(path.join(__dirname, '..', 'fixtures', name), 'utf8'));

const MAPPING = '{"email": contact.email, "name": contact.fullName, "phone": contact.phoneE164, "start": meeting.start}';

describe('rules and delivery', () => {
  let engine: TestEngine;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const setUp = async (reply: (index: number) => Reply = () => ({ status: 200 }), env: Record<string, string> = {}) => {
    receiver = await startReceiver((_request, index) => reply(index));
    engine = await startTestEngine({ RETRY_SCHEDULE: '0.05,0.1', DELIVERY_TIMEOUT_MS: '300', ...env });
  };
  afterEach(async () => {
    await engine?.close();
    await receiver?.close();
  });

  const createRule = async (rule: Record<string, unknown>) => {
    const response = await engine.api('/api/v1/rules', {
      method: 'POST',
      json: { name: 'test rule', on: ['appointment.booked'], destination: { url: `${receiver.url}/deliver` }, ...rule },
    });
    expect(response.status).toBe(201);
    return response.json();
  };
  const sendSetter = async (overrides: Record<string, unknown> = {}) => {
    const payload = { ...(await fixture('setter-appointment-booked.json')), contactPhoneNumber: '+15551234567', ...overrides };
    const response = await fetch(await inboundUrl(engine, 'setter'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(response.status).toBe(202);
    return (await response.json()).eventId as string;
  };
  const deliveriesOf = async (query = '') => (await (await engine.api(`/api/v1/deliveries${query}`)).json()) as Array<Record<string, any>>;
  const deliveryDetail = async (id: string) => (await engine.api(`/api/v1/deliveries/${id}`)).json();

  it('delivers a matching event, mapped and signed with Standard Webhooks', async () => {
    await setUp();
    const rule = await createRule({ when: 'conversation.botId = 123', mapping: MAPPING });
    expect(rule.destination.secret).toMatch(/^whsec_/);
    const eventId = await sendSetter();
    await sendSetter({ botId: 999, timestamp: '2025-12-04T10:31:00.000Z' });
    await receiver.waitFor(1);
    await sleep(200);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(JSON.parse(request.body)).toEqual({ email: 'user@example.com', name: 'John Doe', phone: '+15551234567', start: '2025-12-05T14:00:00.000Z' });
    expect(request.headers['content-type']).toBe('application/json');
    const verified = new Webhook(rule.destination.secret).verify(request.body, request.headers as Record<string, string>);
    expect(verified).toEqual(JSON.parse(request.body));
    expect(() => new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(request.body, request.headers as Record<string, string>)).toThrow();

    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(`?eventId=${eventId}`);
      return list[0]?.status === 'delivered' && list;
    });
    expect(delivery).toMatchObject({ ruleId: rule.id, eventId, status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(delivery.id).toBe(request.headers['webhook-id']);
    const detail = await deliveryDetail(delivery.id);
    expect(detail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, outcome: 'delivered', response: 'ok', latencyMs: expect.any(Number) }),
    ]);
    const stats = (await (await engine.api(`/api/v1/rules/${rule.id}`)).json()).stats;
    expect(stats).toMatchObject({ matched: 1, notMatched: 1, errors: 0 });
  });

  it('retries 5xx with the same webhook-id, then delivers', async () => {
    await setUp((index) => (index < 2 ? { status: 503 } : { status: 200 }));
    await createRule({});
    await sendSetter();
    await receiver.waitFor(3);
    const ids = new Set(receiver.received.map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf();
      return list[0]?.status === 'delivered' && list;
    });
    const detail = await deliveryDetail(delivery.id);
    expect(detail.attempts.map((attempt: { outcome: string; statusCode: number }) => [attempt.statusCode, attempt.outcome])).toEqual([
      [503, 'retry'],
      [503, 'retry'],
      [200, 'delivered'],
    ]);
  });

  it('honours Retry-After on 429', async () => {
    await setUp((index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    await createRule({});
    await sendSetter();
    await receiver.waitFor(2, 5000);
    expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(950);
  });

  it('fails a 4xx at once, and dead-letters after the schedule, then replays', async () => {
    let healthy = false;
    await setUp((index) => (healthy ? { status: 200 } : index === 0 ? { status: 400, body: 'bad field' } : { status: 500 }));
    await createRule({ on: ['appointment.booked', 'conversation.inactive'] });
    await sendSetter();
    const failed = await eventually(async () => (await deliveriesOf('?status=failed'))[0]);
    expect(failed).toMatchObject({ attempts: 1, lastStatusCode: 400 });
    expect((await deliveryDetail(failed.id)).attempts[0]).toMatchObject({ response: 'bad field', outcome: 'failed' });

    await fetch(await inboundUrl(engine, 'setter'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await fixture('setter-conversation-inactive.json')),
    });
    const dead = await eventually(async () => (await deliveriesOf('?status=dead'))[0]);
    expect(dead.attempts).toBe(3);
    healthy = true;
    const replay = await (await engine.api('/api/v1/deliveries/replay', { method: 'POST', json: { status: 'dead' } })).json();
    expect(replay).toEqual({ replayed: 1, ids: [dead.id] });
    await eventually(async () => (await deliveryDetail(dead.id)).status === 'delivered');
    const single = await engine.api(`/api/v1/deliveries/${failed.id}/replay`, { method: 'POST' });
    expect(single.status).toBe(202);
    await eventually(async () => (await deliveryDetail(failed.id)).status === 'delivered');
    const detail = await deliveryDetail(failed.id);
    expect(detail.attempts.at(-1)).toMatchObject({ trigger: 'replay', outcome: 'delivered' });
  });

  it('times out a receiver that hangs and retries', async () => {
    await setUp((index) => (index === 0 ? 'hang' : { status: 200 }));
    await createRule({});
    await sendSetter();
    const delivery = await eventually(async () => (await deliveriesOf('?status=delivered'))[0]);
    const { attempts } = await deliveryDetail(delivery.id);
    expect(attempts[0]).toMatchObject({ outcome: 'retry', statusCode: null, error: 'timed out after 300 ms' });
    expect(attempts[0].latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('drops a REST hook whose target answers 410 Gone', async () => {
    await setUp(() => ({ status: 410 }));
    const created = await engine.api('/api/v1/hooks', { method: 'POST', json: { event: 'appointment.booked', targetUrl: `${receiver.url}/hook` } });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await engine.api(`/api/v1/hooks/${id}`)).status).toBe(200);
    expect((await (await engine.api('/api/v1/rules')).json()).map((rule: { id: string }) => rule.id)).toContain(id);
    await sendSetter();
    await eventually(async () => (await engine.api(`/api/v1/hooks/${id}`)).status === 404);
    expect((await deliveriesOf())[0]).toMatchObject({ status: 'gone', lastStatusCode: 410 });
    expect((await engine.api(`/api/v1/hooks/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('unsubscribes a hook with DELETE', async () => {
    await setUp();
    const { id } = await (await engine.api('/api/v1/hooks', { method: 'POST', json: { event: 'meeting.booked', targetUrl: `${receiver.url}/hook` } })).json();
    expect((await engine.api(`/api/v1/hooks/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await engine.api(`/api/v1/hooks/${id}`)).status).toBe(404);
  });

  it('reports JSONata syntax errors with their position and fails closed on evaluation errors', async () => {
    await setUp();
    const bad = await engine.api('/api/v1/rules', {
      method: 'POST',
      json: { name: 'bad', on: ['appointment.booked'], when: 'conversation.botId = ', destination: { url: `${receiver.url}/x` } },
    });
    expect(bad.status).toBe(400);
    const error = (await bad.json()).error;
    expect(error).toMatchObject({ code: 'invalid_expression', details: { field: 'when', position: expect.any(Number) } });
    expect(error.message).toMatch(/^when: /);

    const rule = await createRule({ mapping: '$error("no mapping for you")' });
    const looping = await createRule({ when: '($f := function($n){ $f($n + 1) }; $f(0))' });
    await sendSetter();
    await eventually(async () => (await (await engine.api(`/api/v1/rules/${looping.id}`)).json()).stats?.errors === 1);
    const stats = (await (await engine.api(`/api/v1/rules/${rule.id}`)).json()).stats;
    expect(stats).toMatchObject({ matched: 0, errors: 1, lastError: expect.stringContaining('no mapping for you') });
    expect(await deliveriesOf()).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it('dry-runs a rule and sends a sample on request', async () => {
    await setUp();
    const rule = await createRule({ when: 'conversation.botId = 123', mapping: MAPPING });
    const none = await engine.api(`/api/v1/rules/${rule.id}/test`, { method: 'POST', json: {} });
    expect(none.status).toBe(422);
    const eventId = await sendSetter();
    await receiver.waitFor(1);
    const dry = await (await engine.api(`/api/v1/rules/${rule.id}/test`, { method: 'POST', json: { eventId } })).json();
    expect(dry).toMatchObject({ matched: true, eventId, body: { email: 'user@example.com' } });
    const event = await (await engine.api(`/api/v1/events/${eventId}`)).json();
    const miss = await (await engine.api(`/api/v1/rules/${rule.id}/test`, { method: 'POST', json: { event: { ...event, conversation: { botId: 7 } } } })).json();
    expect(miss).toMatchObject({ matched: false, reason: expect.stringContaining('false') });
    expect(receiver.received).toHaveLength(1);
    const sent = await (await engine.api(`/api/v1/rules/${rule.id}/test?send=true`, { method: 'POST', json: { eventId } })).json();
    expect(sent.deliveryId).toMatch(/^msg_/);
    await receiver.waitFor(2);
    expect(JSON.parse(receiver.received[1].body)).toEqual(JSON.parse(receiver.received[0].body));
  });

  it('sends every event to the organization webhookUrl, signed with its own secret', async () => {
    await setUp();
    const settings = await (await engine.api('/api/v1/organizations/current/settings', { method: 'PUT', json: { webhookUrl: `${receiver.url}/all` } })).json();
    await sendSetter();
    await fetch(await inboundUrl(engine, 'calstudio'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await fixture('calstudio-message-sent.json')),
    });
    await receiver.waitFor(2);
    const types = receiver.received.map((request) => JSON.parse(request.body).type).sort();
    expect(types).toEqual(['appointment.booked', 'message.sent']);
    for (const request of receiver.received) new Webhook(settings.webhookSecret).verify(request.body, request.headers as Record<string, string>);
  });

  it('refuses private destinations unless allowed, at creation and at send time', async () => {
    await setUp(undefined, { ALLOW_PRIVATE_DESTINATIONS: 'false' });
    for (const url of ['http://127.0.0.1:9/x', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/', 'http://[::1]:8080/', 'http://localhost:9/x', 'http://100.64.0.1/']) {
      const response = await engine.api('/api/v1/rules', { method: 'POST', json: { name: 'x', on: ['meeting.booked'], destination: { url } } });
      expect(response.status, url).toBe(422);
      expect((await response.json()).error.code).toBe('destination_refused');
    }
    const scheme = await engine.api('/api/v1/rules', { method: 'POST', json: { name: 'x', on: ['meeting.booked'], destination: { url: 'file:///etc/passwd' } } });
    expect(scheme.status).toBe(400);
    const setting = await engine.api('/api/v1/organizations/current/settings', { method: 'PUT', json: { webhookUrl: `${receiver.url}/all` } });
    expect(setting.status).toBe(422);
    expect((await setting.json()).error.message).toMatch(/^webhookUrl: /);
    // A URL that was fine when saved is checked again when sent.
    await engine.engine.store.organizations.updateSettings(1, { webhookUrl: `${receiver.url}/all` });
    await sendSetter();
    const failed = await eventually(async () => (await deliveriesOf('?status=failed'))[0]);
    expect(failed.lastError).toMatch(/private|loopback/);
    expect(receiver.received).toEqual([]);
  });
});
