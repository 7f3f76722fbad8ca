import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import { events, ingest, postBatch, type LeadEventsResponse } from './helpers.js';

describe('lead events: idempotency and durability', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('answers a re-posted batch with inserted 0 and duplicates = every accepted row', async () => {
    const batch = { organizationId: 1, eventType: 'repost', events: [...events(100), { phoneE164: 'bad', occurredAt: '2026-05-15T13:00:00Z' }] };
    expect(await ingest(engine, batch)).toMatchObject({ received: 101, inserted: 100, duplicates: 0, rejected: 1 });
    expect(await ingest(engine, batch)).toMatchObject({ received: 101, inserted: 0, duplicates: 100, rejected: 1 });
  });

  it('compares occurredAt as an instant, whatever its spelling', async () => {
    const spellings = ['2026-05-12T18:34:00Z', '2026-05-12T18:34:00.000Z', '2026-05-12T20:34:00+02:00', '2026-05-12T13:34:00-0500', '2026-05-12 18:34:00z', '2026-05-12T18:34Z'];
    const results: LeadEventsResponse[] = [];
    for (const occurredAt of spellings) {
      results.push(await ingest(engine, { organizationId: 1, eventType: 'instant', events: [{ phoneE164: '+15551234567', occurredAt }] }));
    }
    expect(results.map((result) => result.inserted)).toEqual([1, 0, 0, 0, 0, 0]);
    const later = await ingest(engine, { organizationId: 1, eventType: 'instant', events: [{ phoneE164: '+15551234567', occurredAt: '2026-05-12T18:34:00.001Z' }] });
    expect(later.inserted).toBe(1);
  });

  it('compares phones after normalization', async () => {
    const spellings = ['+15551234567', '15551234567', '+1 (555) 123-4567', '1-555-123-4567', '001 555 123 4567'];
    const inserted: number[] = [];
    for (const phoneE164 of spellings) {
      inserted.push((await ingest(engine, { organizationId: 1, eventType: 'phone_forms', events: [{ phoneE164, occurredAt: '2026-05-12T18:34:00Z' }] })).inserted);
    }
    expect(inserted).toEqual([1, 0, 0, 0, 0]);
  });

  it('counts repeats inside one batch as duplicates', async () => {
    const result = await ingest(engine, {
      organizationId: 1,
      eventType: 'in_batch',
      events: [
        { phoneE164: '+15551234567', occurredAt: '2026-05-12T18:34:00Z' },
        { phoneE164: '+1 555 123 4567', occurredAt: '2026-05-12T18:34:00.000Z' },
        { phoneE164: '+15551234567', occurredAt: '2026-05-12T18:35:00Z' },
      ],
    });
    expect(result).toMatchObject({ received: 3, inserted: 2, duplicates: 1, rejected: 0 });
  });

  it('inserts each row once when the same batch is posted concurrently', async () => {
    const batch = { organizationId: 1, eventType: 'concurrent', events: events(20_000) };
    const responses = await Promise.all(Array.from({ length: 4 }, () => postBatch(engine, batch)));
    const results = (await Promise.all(responses.map((response) => response.json()))) as LeadEventsResponse[];
    expect(results.reduce((sum, result) => sum + result.inserted, 0)).toBe(20_000);
    expect(results.reduce((sum, result) => sum + result.duplicates, 0)).toBe(3 * 20_000);
    for (const result of results) expect(result.inserted + result.duplicates).toBe(20_000);

    const lines = (await readFile(path.join(engine.dataDir, 'lead-events.jsonl'), 'utf8')).split('\n');
    expect(lines.filter((line) => line.includes('"eventType":"concurrent"'))).toHaveLength(20_000);
  });

  it('keeps every row and its uniqueness across a restart', async () => {
    const batch = { organizationId: 1, eventType: 'restart', events: [{ phoneE164: '+447700900123', occurredAt: '2026-05-15T13:05:11Z', metadata: { seat: 'A1' } }, ...events(50)] };
    expect((await ingest(engine, batch)).inserted).toBe(51);
    const before = engine.engine.store.leadEvents.count();
    await engine.restart();
    expect(engine.engine.store.leadEvents.count()).toBe(before);
    expect(await ingest(engine, batch)).toMatchObject({ inserted: 0, duplicates: 51 });
    const lookup = (await (await engine.api('/api/v1/leads/447700900123/events?eventType=restart')).json()) as { events: unknown[] };
    expect(lookup.events).toEqual([expect.objectContaining({ phoneE164: '+447700900123', occurredAt: '2026-05-15T13:05:11.000Z', metadata: { seat: 'A1' } })]);
  });
});
