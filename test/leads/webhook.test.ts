import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import {
  enableHmac,
  ingest,
  newSigningKey,
  postBatch,
  postRaw,
  secondOrganization,
  signature,
  type ErrorBody,
  type LeadEventsResponse,
} from './helpers.js';

const run = promisify(execFile);

describe('POST /api/v1/webhooks/lead-events: the seed examples and authentication', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('accepts the seed real-time single event with a Bearer API key and answers in the seed shape', async () => {
    const response = await postRaw(
      engine,
      `{
    "organizationId": 1,
    "eventType": "mastery_purchase",
    "events": [
      {
        "phoneE164": "+15551234567",
        "occurredAt": "2026-05-12T18:34:00Z",
        "metadata": { "orderId": "ord_9F2", "amountUsd": 297 }
      }
    ]
  }`,
      { authorization: `Bearer ${engine.apiKey}` },
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: 'accepted', received: 1, inserted: 1, duplicates: 0, rejected: 0, rejects: [] });
    expect(Object.keys(body)).toEqual(['status', 'received', 'inserted', 'duplicates', 'rejected', 'rejects']);

    const lookup = await (await engine.api('/api/v1/leads/+15551234567/events')).json();
    expect(lookup).toEqual({
      phoneE164: '+15551234567',
      events: [
        {
          eventType: 'mastery_purchase',
          phoneE164: '+15551234567',
          occurredAt: '2026-05-12T18:34:00.000Z',
          receivedAt: expect.any(String),
          metadata: { orderId: 'ord_9F2', amountUsd: 297 },
        },
      ],
    });
  });

  describe('in hmac mode', () => {
    let secret: string;
    beforeAll(async () => {
      ({ secret } = await enableHmac(engine));
      expect(secret).toMatch(/^whsec_/);
    });

    it('verifies the seed bulk batch signed by its own openssl pipeline', async () => {
      const body =
        '{"organizationId":1,"eventType":"webinar_attended","events":[{"phoneE164":"+15551234567","occurredAt":"2026-05-15T13:00:00Z"},{"phoneE164":"+447700900123","occurredAt":"2026-05-15T13:05:11Z"}]}';
      const { stdout } = await run('bash', [
        '-c',
        `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | xxd -p -c 256); printf '%s' "$SIG"`,
      ], { env: { ...process.env, BODY: body, SECRET: secret } });
      expect(`sha256=${stdout}`).toBe(signature(secret, body));

      const response = await postRaw(engine, body, { 'X-Setter-Signature': `sha256=${stdout}` });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'accepted', received: 2, inserted: 2, duplicates: 0, rejected: 0, rejects: [] });
    });

    it('checks the signature over the raw bytes, whitespace included', async () => {
      const body = '{ "organizationId": 1, "eventType": "trial_started",\n  "events": [ {"phoneE164": "+15551234567", "occurredAt": "2026-05-15T13:00:00Z"} ] }';
      expect((await postRaw(engine, body, { 'X-Setter-Signature': signature(secret, body) })).status).toBe(200);
      const reformatted = JSON.stringify(JSON.parse(body));
      const response = await postRaw(engine, reformatted, { 'X-Setter-Signature': signature(secret, body) });
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorBody).error.code).toBe('invalid_signature');
    });

    it('accepts an uppercase hex signature', async () => {
      const body = JSON.stringify({ organizationId: 1, eventType: 'hex_case', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] });
      const upper = `sha256=${signature(secret, body).slice('sha256='.length).toUpperCase()}`;
      expect((await postRaw(engine, body, { 'X-Setter-Signature': upper })).status).toBe(200);
    });

    it('rotates: two active keys both verify, and a deleted key stops verifying', async () => {
      const second = await newSigningKey(engine);
      const listed = (await (await engine.api('/api/v1/signing-keys')).json()) as Record<string, unknown>[];
      expect(listed.length).toBeGreaterThanOrEqual(2);
      for (const key of listed) expect(key).not.toHaveProperty('secret');

      const body = (n: number) =>
        JSON.stringify({ organizationId: 1, eventType: 'rotation', events: [{ phoneE164: '+15551234567', occurredAt: `2026-05-15T13:0${n}:00Z` }] });
      expect((await postRaw(engine, body(1), { 'X-Setter-Signature': signature(secret, body(1)) })).status).toBe(200);
      expect((await postRaw(engine, body(2), { 'X-Setter-Signature': signature(second.secret, body(2)) })).status).toBe(200);

      expect((await engine.api(`/api/v1/signing-keys/${second.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await postRaw(engine, body(3), { 'X-Setter-Signature': signature(second.secret, body(3)) })).status).toBe(401);
      expect((await postRaw(engine, body(3), { 'X-Setter-Signature': signature(secret, body(3)) })).status).toBe(200);
    });

    it('still accepts an API key of the organization (the Zapier action uses one)', async () => {
      const result = await ingest(engine, { organizationId: 1, eventType: 'zapier_push', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] });
      expect(result.inserted).toBe(1);
    });

    it('refuses a missing signature, a malformed one and one made with an unknown secret', async () => {
      const body = JSON.stringify({ organizationId: 1, eventType: 'x', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] });
      const attempts: Record<string, string>[] = [{}, { 'X-Setter-Signature': 'sha256=abc' }, { 'X-Setter-Signature': signature('whsec_unknown', body) }];
      for (const headers of attempts) {
        const response = await postRaw(engine, body, headers);
        expect(response.status).toBe(401);
        expect(((await response.json()) as ErrorBody).error.message).toMatch(/Bearer|X-Setter-Signature/);
      }
    });

    it('refuses a signature when organizationId is missing, so no key can be chosen', async () => {
      const body = JSON.stringify({ eventType: 'x', events: [] });
      expect((await postRaw(engine, body, { 'X-Setter-Signature': signature(secret, body) })).status).toBe(401);
    });

    it('does not verify a signature made with another organization\'s key', async () => {
      const other = await secondOrganization(engine);
      await engine.engine.store.organizations.updateSettings(other.id, { inboundAuth: 'hmac' });
      const body = JSON.stringify({ organizationId: other.id, eventType: 'x', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] });
      expect((await postRaw(engine, body, { 'X-Setter-Signature': signature(secret, body) })).status).toBe(401);
    });
  });

  it('refuses a valid signature while the organization is in apiKey mode', async () => {
    const fresh = await startTestEngine();
    try {
      const { secret } = await newSigningKey(fresh);
      const body = JSON.stringify({ organizationId: 1, eventType: 'x', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] });
      expect((await postRaw(fresh, body, { 'X-Setter-Signature': signature(secret, body) })).status).toBe(401);
      const settings = await (await fresh.api('/api/v1/organizations/current/settings')).json();
      expect(settings).toEqual({ webhookUrl: null, webhookSecret: null, inboundAuth: 'apiKey' });
    } finally {
      await fresh.close();
    }
  });

  it('answers 401 without credentials and with an unknown API key', async () => {
    const batch = { organizationId: 1, eventType: 'x', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] };
    const none = await postRaw(engine, JSON.stringify(batch));
    expect(none.status).toBe(401);
    expect(((await none.json()) as ErrorBody).error.code).toBe('unauthorized');
    const unknown = await postBatch(engine, batch, 'sk_not_a_key_of_anyone_0000');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as ErrorBody).error).toEqual({ code: 'unauthorized', message: 'the API key is not valid' });
  });

  it('answers 403 when the credentials belong to another organization', async () => {
    const other = await secondOrganization(engine);
    const response = await postBatch(engine, { organizationId: 1, eventType: 'x', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] }, other.apiKey);
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('organizationId') });
    const unknownOrganization = await postBatch(engine, { organizationId: 999, eventType: 'x', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-15T13:00:00Z' }] });
    expect(unknownOrganization.status).toBe(403);
  });

  it('keeps organizations apart: same phone, type and instant are separate rows per organization', async () => {
    const other = await secondOrganization(engine);
    const event = { phoneE164: '+15557654321', occurredAt: '2026-05-12T18:34:00Z' };
    const mine = await ingest(engine, { organizationId: 1, eventType: 'isolation', events: [event] });
    const theirs = await ingest(engine, { organizationId: other.id, eventType: 'isolation', events: [event] }, other.apiKey);
    expect([mine.inserted, theirs.inserted]).toEqual([1, 1]);

    const theirLookup = await fetch(`${engine.url}/api/v1/leads/+15557654321/events`, { headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(((await theirLookup.json()) as { events: unknown[] }).events).toHaveLength(1);
    const evaluation = await fetch(`${engine.url}/api/v1/event-filter/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { mode: 'include', eventType: 'mastery_purchase' }, phones: ['+15551234567'] }),
    });
    expect(await evaluation.json()).toEqual({ included: [], excluded: ['+15551234567'], invalid: [] });
    const result: LeadEventsResponse = await ingest(engine, { organizationId: other.id, eventType: 'isolation', events: [event] }, other.apiKey);
    expect(result).toMatchObject({ inserted: 0, duplicates: 1 });
  });
});
