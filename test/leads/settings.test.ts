import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import type { ErrorBody } from './helpers.js';

const SETTINGS = '/api/v1/organizations/current/settings';

describe('organization settings and signing keys', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('takes the seed example request and keeps fields that are not sent', async () => {
    expect(await (await engine.api(SETTINGS)).json()).toEqual({ webhookUrl: null, webhookSecret: null, inboundAuth: 'apiKey' });
    const response = await fetch(`${engine.url}${SETTINGS}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${engine.apiKey}` },
      body: '{\n"webhookUrl": "https://api.example.com/webhook"\n}',
    });
    expect(response.status).toBe(200);
    const { webhookSecret, ...set } = await response.json();
    expect(set).toEqual({ webhookUrl: 'https://api.example.com/webhook', inboundAuth: 'apiKey' });
    expect(webhookSecret).toMatch(/^whsec_/);

    expect(await (await engine.api(SETTINGS, { method: 'PUT', json: { inboundAuth: 'hmac' } })).json()).toEqual({
      webhookUrl: 'https://api.example.com/webhook',
      webhookSecret,
      inboundAuth: 'hmac',
    });
    expect(await (await engine.api(SETTINGS, { method: 'PUT', json: { webhookUrl: null, inboundAuth: 'apiKey' } })).json()).toEqual({
      webhookUrl: null,
      webhookSecret,
      inboundAuth: 'apiKey',
    });
    await engine.restart();
    expect(await (await engine.api(SETTINGS)).json()).toEqual({ webhookUrl: null, webhookSecret, inboundAuth: 'apiKey' });
  });

  it('refuses invalid values, naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ webhookUrl: '/relative/path' }, /^webhookUrl: must be an absolute http or https URL/],
      [{ webhookUrl: 'ftp://example.com/hook' }, /^webhookUrl: must be an absolute http or https URL/],
      [{ webhookUrl: 'not a url' }, /^webhookUrl: /],
      [{ webhookUrl: 42 }, /^webhookUrl: /],
      [{ inboundAuth: 'basic' }, /^inboundAuth: /],
      [{ webhookURL: 'https://example.com' }, /webhookURL/],
    ];
    for (const [body, message] of cases) {
      const response = await engine.api(SETTINGS, { method: 'PUT', json: body });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.message).toMatch(message);
    }
    expect((await fetch(`${engine.url}${SETTINGS}`)).status).toBe(401);
  });

  it('creates signing keys with their secret once, lists them without it, and deletes them', async () => {
    const created = await engine.api('/api/v1/signing-keys', { method: 'POST' });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; secret: string };
    expect(Object.keys(key)).toEqual(['id', 'secret']);
    expect(key.secret).toMatch(/^whsec_[\w-]{32}$/);

    const listed = (await (await engine.api('/api/v1/signing-keys')).json()) as Record<string, string>[];
    expect(listed).toEqual([{ id: key.id, prefix: key.secret.slice(0, 10), createdAt: expect.any(String) }]);

    expect((await engine.api(`/api/v1/signing-keys/${key.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await engine.api(`/api/v1/signing-keys/${key.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await (await engine.api('/api/v1/signing-keys')).json()).toEqual([]);
  });

  it('keeps at most 10 signing keys per organization', async () => {
    for (let i = 0; i < 10; i++) expect((await engine.api('/api/v1/signing-keys', { method: 'POST' })).status).toBe(201);
    const eleventh = await engine.api('/api/v1/signing-keys', { method: 'POST' });
    expect(eleventh.status).toBe(409);
    expect(((await eleventh.json()) as ErrorBody).error.code).toBe('too_many_signing_keys');
  });
});
