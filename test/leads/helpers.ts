import { createHmac } from 'node:crypto';
import { issueApiKey } from '../../engine/accounts/index.js';
import type { TestEngine } from '../helpers/engine.js';

export const WEBHOOK = '/api/v1/webhooks/lead-events';

export type { IngestResult as LeadEventsResponse } from '../../engine/leads/ingest.js';
import type { IngestResult as LeadEventsResponse } from '../../engine/leads/ingest.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** POSTs exactly these headers and body (no default API key), like a curl call. */
export function postRaw(engine: TestEngine, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${engine.url}${WEBHOOK}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** POSTs a batch with the bootstrap API key. */
export function postBatch(engine: TestEngine, batch: unknown, apiKey = engine.apiKey): Promise<Response> {
  return postRaw(engine, JSON.stringify(batch), { authorization: `Bearer ${apiKey}` });
}

export async function ingest(engine: TestEngine, batch: unknown, apiKey?: string): Promise<LeadEventsResponse> {
  const response = await postBatch(engine, batch, apiKey);
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${await response.text()}`);
  return (await response.json()) as LeadEventsResponse;
}

export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Switches the bootstrap organization to HMAC and returns a new signing key. */
export async function enableHmac(engine: TestEngine): Promise<{ id: string; secret: string }> {
  const settings = await engine.api('/api/v1/organizations/current/settings', { method: 'PUT', json: { inboundAuth: 'hmac' } });
  if (settings.status !== 200) throw new Error(`settings: ${settings.status}`);
  return newSigningKey(engine);
}

export async function newSigningKey(engine: TestEngine): Promise<{ id: string; secret: string }> {
  const response = await engine.api('/api/v1/signing-keys', { method: 'POST' });
  if (response.status !== 201) throw new Error(`signing key: ${response.status}`);
  return (await response.json()) as { id: string; secret: string };
}

/** A second organization with its own API key, created in-process. */
export async function secondOrganization(engine: TestEngine): Promise<{ id: number; apiKey: string }> {
  const store = engine.engine.store;
  const organization = await store.organizations.create('Second organization');
  const { key } = await issueApiKey(store, organization.id, 'test', new Date());
  return { id: organization.id, apiKey: key };
}

/** `count` distinct valid events, phones +1 212 555 xxxx (possible US numbers). */
export function events(count: number, occurredAt = '2026-05-15T13:00:00Z', offset = 0) {
  return Array.from({ length: count }, (_, i) => ({ phoneE164: `+1212${String(2_000_000 + offset + i).padStart(7, '0')}`, occurredAt }));
}
