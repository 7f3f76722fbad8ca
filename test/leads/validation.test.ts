import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import { events, ingest, postBatch, postRaw, type ErrorBody } from './helpers.js';

const at = '2026-05-15T13:00:00Z';

describe('lead events: per-row validation and caps', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('rejects each bad row with its reason and stores the others', async () => {
    const rows: unknown[] = [
      { phoneE164: '+15551234567', occurredAt: at },
      { phoneE164: 'not a phone', occurredAt: at },
      { phoneE164: '+1555', occurredAt: at },
      { occurredAt: at },
      { phoneE164: '+15551234568' },
      { phoneE164: '+15551234569', occurredAt: '2026-02-30T10:00:00Z' },
      { phoneE164: '+15551234570', occurredAt: '2026-05-15T13:00:00' },
      { phoneE164: '+15551234571', occurredAt: 1747314000000 },
      { phoneE164: '+15551234572', occurredAt: at, metadata: 'a string' },
      { phoneE164: '+15551234573', occurredAt: at, metadata: [1, 2] },
      { phoneE164: '+15551234574', occurredAt: at, metadata: { blob: 'x'.repeat(9000) } },
      'not an object',
      null,
      { phoneE164: '+15551234575', occurredAt: at, metadata: null },
    ];
    const result = await ingest(engine, { organizationId: 1, eventType: 'reasons', events: rows });
    expect(result).toMatchObject({ received: 14, inserted: 2, duplicates: 0, rejected: 12 });
    expect(result.rejects).toEqual([
      { index: 1, phoneE164: 'not a phone', reason: 'invalid phoneE164' },
      { index: 2, phoneE164: '+1555', reason: 'invalid phoneE164' },
      { index: 3, phoneE164: null, reason: 'invalid phoneE164' },
      { index: 4, phoneE164: '+15551234568', reason: 'invalid occurredAt' },
      { index: 5, phoneE164: '+15551234569', reason: 'invalid occurredAt' },
      { index: 6, phoneE164: '+15551234570', reason: 'invalid occurredAt' },
      { index: 7, phoneE164: '+15551234571', reason: 'invalid occurredAt' },
      { index: 8, phoneE164: '+15551234572', reason: 'metadata must be a JSON object' },
      { index: 9, phoneE164: '+15551234573', reason: 'metadata must be a JSON object' },
      { index: 10, phoneE164: '+15551234574', reason: 'metadata exceeds 8 KB' },
      { index: 11, phoneE164: null, reason: 'event must be a JSON object' },
      { index: 12, phoneE164: null, reason: 'event must be a JSON object' },
    ]);
  });

  it('accepts phones the contract tolerates and numbers libphonenumber calls possible but not valid', async () => {
    const phones = ['+15551234567', '15551234567', '+1 (555) 123-4567', '1.555.123.4567', ' +44 7700 900123 ', '447700900123', '0044 7700 900123', 15551234567];
    const rows = phones.map((phoneE164, i) => ({ phoneE164, occurredAt: `2026-05-15T13:00:0${i}Z` }));
    const result = await ingest(engine, { organizationId: 1, eventType: 'formats', events: rows });
    expect(result).toMatchObject({ inserted: phones.length, rejected: 0 });
  });

  it('returns the first 50 rejects and counts all of them', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ phoneE164: `bad-${i}`, occurredAt: at }));
    const result = await ingest(engine, { organizationId: 1, eventType: 'many_rejects', events: [...rows, ...events(3)] });
    expect(result).toMatchObject({ received: 123, inserted: 3, rejected: 120 });
    expect(result.rejects).toHaveLength(50);
    expect(result.rejects[49]).toEqual({ index: 49, phoneE164: 'bad-49', reason: 'invalid phoneE164' });
  });

  it('takes metadata of exactly 8 KB encoded and rejects one byte more, counting UTF-8 bytes', async () => {
    const overhead = JSON.stringify({ blob: '' }).length;
    const exact = { blob: 'x'.repeat(8192 - overhead) };
    const over = { blob: 'x'.repeat(8193 - overhead) };
    // 'é' is 2 bytes in UTF-8: 4,096 characters of it alone are 8,192 bytes.
    const multibyte = { blob: 'é'.repeat(Math.ceil((8193 - overhead) / 2)) };
    expect(Buffer.byteLength(JSON.stringify(exact))).toBe(8192);
    const result = await ingest(engine, {
      organizationId: 1,
      eventType: 'metadata_size',
      events: [
        { phoneE164: '+15551234567', occurredAt: at, metadata: exact },
        { phoneE164: '+15551234568', occurredAt: at, metadata: over },
        { phoneE164: '+15551234569', occurredAt: at, metadata: multibyte },
      ],
    });
    expect(result).toMatchObject({ inserted: 1, rejected: 2 });
    expect(result.rejects.map((reject) => [reject.index, reject.reason])).toEqual([
      [1, 'metadata exceeds 8 KB'],
      [2, 'metadata exceeds 8 KB'],
    ]);
    const stored = (await (await engine.api('/api/v1/leads/15551234567/events?eventType=metadata_size')).json()) as { events: { metadata: unknown }[] };
    expect(stored.events[0].metadata).toEqual(exact);
  });

  it('takes 50,000 events in one call and refuses 50,001 and 0 as a whole', async () => {
    const full = await ingest(engine, { organizationId: 1, eventType: 'cap', events: events(50_000) });
    expect(full).toMatchObject({ received: 50_000, inserted: 50_000, rejected: 0 });

    const over = await postBatch(engine, { organizationId: 1, eventType: 'cap', events: events(50_001) });
    expect(over.status).toBe(422);
    expect(((await over.json()) as ErrorBody).error).toMatchObject({ code: 'invalid_request', message: 'events: must hold at most 50000 events' });

    const empty = await postBatch(engine, { organizationId: 1, eventType: 'cap', events: [] });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as ErrorBody).error.message).toBe('events: must hold at least 1 event');
  });

  it('takes a 128-character eventType and refuses 129 characters and an empty one', async () => {
    expect((await postBatch(engine, { organizationId: 1, eventType: 'e'.repeat(128), events: events(1) })).status).toBe(200);
    for (const eventType of ['e'.repeat(129), '']) {
      const response = await postBatch(engine, { organizationId: 1, eventType, events: events(1) });
      expect(response.status).toBe(422);
      expect(((await response.json()) as ErrorBody).error.message).toMatch(/^eventType: /);
    }
  });

  it('treats eventType as case-sensitive', async () => {
    const lower = await ingest(engine, { organizationId: 1, eventType: 'case_test', events: events(1) });
    const upper = await ingest(engine, { organizationId: 1, eventType: 'Case_Test', events: events(1) });
    expect([lower.inserted, upper.inserted]).toEqual([1, 1]);
  });

  it('names the field of a malformed envelope', async () => {
    const cases: [unknown, RegExp][] = [
      [{ eventType: 'x', events: events(1) }, /^organizationId: /],
      [{ organizationId: '1', eventType: 'x', events: events(1) }, /^organizationId: /],
      [{ organizationId: 1, events: events(1) }, /^eventType: /],
      [{ organizationId: 1, eventType: 'x', events: {} }, /^events: /],
      [[1, 2], /^body: /],
    ];
    for (const [body, message] of cases) {
      const response = await postBatch(engine, body);
      expect(response.status).toBe(422);
      expect(((await response.json()) as ErrorBody).error.message).toMatch(message);
    }
  });

  it('answers 413 above 10 MB, 400 for broken JSON and 415 for another content type', async () => {
    const huge = `{"organizationId":1,"eventType":"x","events":[{"phoneE164":"+15551234567","occurredAt":"${at}","metadata":{"pad":"${'x'.repeat(10 * 1024 * 1024)}"}}]}`;
    const tooLarge = await postRaw(engine, huge, { authorization: `Bearer ${engine.apiKey}` });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as ErrorBody).error.code).toBe('payload_too_large');

    const broken = await postRaw(engine, '{"organizationId":1,', { authorization: `Bearer ${engine.apiKey}` });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).error.code).toBe('invalid_json');

    const form = await postRaw(engine, 'organizationId=1', { authorization: `Bearer ${engine.apiKey}`, 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });
});
