import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboundUrl, startTestEngine, tempDir, type TestEngine } from '../helpers/engine.js';

const fixture = async (name: string) => JSON.parse(await readFile(path.join(__dirname, '..', 'fixtures', name), 'utf8'));

const post = (url: string, body: string | Blob, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(url, { method: 'POST', headers, body });

describe('the engine foundation', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await startTestEngine();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('answers /healthz and /api/v1/me', async () => {
    expect(await (await fetch(`${engine.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const me = await engine.api('/api/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ organizationId: 1, name: 'Default organization' });
  });

  it('refuses missing and unknown API keys with the error format', async () => {
    const missing = await fetch(`${engine.url}/api/v1/me`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Bearer') } });
    const wrong = await engine.api('/api/v1/me', { headers: { authorization: 'Bearer sk_nope' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthorized');
  });

  it('lists an inbound URL per platform and rotates a token', async () => {
    const sources = (await (await engine.api('/api/v1/sources')).json()) as { provider: string; url: string }[];
    expect(sources.map((source) => source.provider)).toEqual(['setter', 'orufy', 'appointlet', 'calstudio']);
    for (const source of sources) expect(source.url).toMatch(new RegExp(`^${engine.url}/in/${source.provider}/[\\w-]{24}$`));
    const old = sources[0].url;
    const rotated = await (await engine.api('/api/v1/sources/setter/rotate', { method: 'POST' })).json();
    expect(rotated.url).not.toBe(old);
    expect((await post(old, JSON.stringify(await fixture('setter-appointment-booked.json')))).status).toBe(404);
    expect((await post(rotated.url, JSON.stringify(await fixture('setter-appointment-booked.json')))).status).toBe(202);
  });

  it('stores each seed payload once and reads it back as a canonical event', async () => {
    const cases: [string, string, string][] = [
      ['setter', 'setter-appointment-booked.json', 'appointment.booked'],
      ['setter', 'setter-conversation-inactive.json', 'conversation.inactive'],
      ['orufy', 'orufy-book.json', 'meeting.booked'],
      ['orufy', 'orufy-cancel.json', 'meeting.canceled'],
      ['orufy', 'orufy-reschedule.json', 'meeting.rescheduled'],
      ['appointlet', 'appointlet-meeting-scheduled.json', 'meeting.booked'],
      ['calstudio', 'calstudio-message-sent.json', 'message.sent'],
    ];
    const ids: string[] = [];
    for (const [provider, file, type] of cases) {
      const url = await inboundUrl(engine, provider);
      const body = JSON.stringify(await fixture(file));
      const first = await post(url, body);
      expect(first.status).toBe(202);
      const accepted = await first.json();
      expect(accepted).toEqual({ status: 'accepted', eventId: expect.stringMatching(/^evt_/), type, duplicate: false });
      const again = await (await post(url, body)).json();
      expect(again).toEqual({ ...accepted, duplicate: true });
      ids.push(accepted.eventId);
      const stored = await (await engine.api(`/api/v1/events/${accepted.eventId}`)).json();
      expect(stored).toMatchObject({ id: accepted.eventId, type, organizationId: 1, source: { provider }, raw: JSON.parse(body) });
    }
    const listed = (await (await engine.api('/api/v1/events?limit=100')).json()) as { id: string }[];
    expect(listed.map((event) => event.id)).toEqual([...ids].reverse());
    const booked = (await (await engine.api('/api/v1/events?type=meeting.booked')).json()) as { type: string }[];
    expect(booked.map((event) => event.type)).toEqual(['meeting.booked', 'meeting.booked']);
    expect((await engine.api('/api/v1/events?type=nope')).status).toBe(400);
    expect((await engine.api('/api/v1/events/evt_missing')).status).toBe(404);
  });

  it('refuses an oversized body sent without a content-length, and answers an empty one with 422', async () => {
    const url = await inboundUrl(engine, 'setter');
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 11) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const oversized = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).error.code).toBe('payload_too_large');
    const empty = await post(url, '');
    expect(empty.status).toBe(422);
    expect(empty.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/);
    const traced = await post(url, '{}', { 'content-type': 'application/json', 'x-request-id': 'trace-42' });
    expect(traced.headers.get('x-request-id')).toBe('trace-42');
    expect((await post(`${engine.url}/in/setter`, '{}')).status).toBe(404);
    expect(await (await engine.api('/api/v1/events')).json()).toHaveLength(1);
  });

  it('stores an unknown action as source.unrecognized and answers 202', async () => {
    const url = await inboundUrl(engine, 'appointlet');
    const response = await post(url, JSON.stringify({ id: 99, type: 'Activity', action: 'Meeting.exploded', entity: {} }));
    expect(response.status).toBe(202);
    const { eventId } = await response.json();
    const stored = await (await engine.api(`/api/v1/events/${eventId}`)).json();
    expect(stored).toMatchObject({ type: 'source.unrecognized', source: { provider: 'appointlet', action: 'Meeting.exploded' } });
  });

  it('refuses bad input without storing anything', async () => {
    const url = await inboundUrl(engine, 'setter');
    const expectError = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe('string');
    };
    await expectError(await post(url, '{"type": '), 400, 'invalid_json');
    await expectError(await post(url, '[1,2]'), 422, 'invalid_payload');
    await expectError(await post(url, '"text"'), 422, 'invalid_payload');
    await expectError(await post(url, 'type=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    await expectError(await post(`${url}x`, '{}'), 404, 'not_found');
    await expectError(await post(`${engine.url}/in/zoom/${url.split('/').pop()}`, '{}'), 404, 'not_found');
    const huge = Buffer.alloc(10 * 1024 * 1024 + 10, 'a');
    huge.write('{"a":"');
    huge.write('"}', huge.length - 2);
    await expectError(await post(url, new Blob([huge])), 413, 'payload_too_large');
    expect(await (await engine.api('/api/v1/events')).json()).toEqual([]);
  });

  it('checks a configured secret token in every accepted form', async () => {
    const url = await inboundUrl(engine, 'orufy');
    const secret = 'orufy-secret-123';
    const configured = await engine.api('/api/v1/sources/orufy', { method: 'PUT', json: { secret } });
    expect((await configured.json()).secretConfigured).toBe(true);
    const body = JSON.stringify(await fixture('orufy-book.json'));
    expect((await post(url, body)).status).toBe(401);
    expect((await post(url, body, { 'content-type': 'application/json', 'x-secret-token': 'wrong-secret' })).status).toBe(401);
    for (const headers of <Record<string, string>[]>[
      { authorization: `Bearer ${secret}` },
      { 'x-secret-token': secret },
      { 'x-webhook-secret': secret },
    ]) {
      expect((await post(url, body, { 'content-type': 'application/json', ...headers })).status).toBe(202);
    }
    expect((await post(`${url}?secret=${secret}`, body)).status).toBe(202);
    const short = await engine.api('/api/v1/sources/orufy', { method: 'PUT', json: { secret: 'x' } });
    expect(short.status).toBe(400);
    expect((await short.json()).error.message).toMatch(/^secret:/);
  });

  it('keeps every event across a restart on the same data folder', async () => {
    const url = await inboundUrl(engine, 'calstudio');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await post(url, JSON.stringify({ event: 'Message sent', timestamp: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(), user_email: `u${i}@example.com`, last_message: `hi ${i}` }));
      ids.push((await response.json()).eventId);
    }
    await engine.restart();
    const listed = (await (await engine.api('/api/v1/events?limit=500')).json()) as { id: string }[];
    expect(listed.map((event) => event.id)).toEqual([...ids].reverse());
    const again = await post(await inboundUrl(engine, 'calstudio'), JSON.stringify({ event: 'Message sent', timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0)).toISOString(), user_email: 'u0@example.com', last_message: 'hi 0' }));
    expect((await again.json()).duplicate).toBe(true);
  });
});

describe('requests the engine cannot read', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await startTestEngine();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('answers malformed percent-encoding with 4xx, not a 500', async () => {
    expect((await engine.api('/api/v1/events/%E0')).status).toBe(400);
    expect((await engine.api('/api/v1/rules/%zz')).status).toBe(400);
    const inbound = await post(`${engine.url}/in/calstudio/%E0%A4%A`, '{}');
    expect(inbound.status).toBe(404);
    expect((await inbound.json()).error.code).toBe('not_found');
  });

  it('ends paging at an unknown cursor', async () => {
    const url = await inboundUrl(engine, 'calstudio');
    await post(url, JSON.stringify(await fixture('calstudio-message-sent.json')));
    expect(await (await engine.api('/api/v1/events?before=evt_unknown')).json()).toEqual([]);
  });
});

describe('start-up', () => {
  it('releases the data folder when the port is taken', async () => {
    const first = await startTestEngine();
    const port = new URL(first.url).port;
    const dataDir = await tempDir();
    await expect(startTestEngine({ PORT: port, DATA_DIR: dataDir })).rejects.toThrow(/EADDRINUSE/);
    expect(existsSync(path.join(dataDir, 'engine.lock'))).toBe(false);
    const second = await startTestEngine({ DATA_DIR: dataDir });
    expect((await second.api('/api/v1/me')).status).toBe(200);
    await second.close();
    await first.close();
  });
});
