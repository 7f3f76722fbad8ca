import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLeadEventRepo, leadEventLineFormatter } from '../../engine/store/file/lead-events.js';
import type { NewLeadEvent } from '../../engine/store/index.js';
import { tempDir } from '../helpers/engine.js';

const rows = (count: number, occurredAtMs = Date.parse('2026-05-15T13:00:00Z')): NewLeadEvent[] =>
  Array.from({ length: count }, (_, i) => ({ phoneE164: `+1212${2_000_000 + i}`, occurredAtMs }));

describe('FileLeadEventRepo', () => {
  let dataDir: string;
  let repo: FileLeadEventRepo;
  beforeEach(async () => {
    dataDir = await tempDir();
    repo = await FileLeadEventRepo.open(dataDir);
  });
  afterEach(async () => {
    await repo.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('acknowledges a duplicate of a concurrent batch only once that batch is durable', async () => {
    const file = path.join(dataDir, 'lead-events.jsonl');
    const first = repo.insertBatch(1, 'webinar_attended', '2026-05-15T13:00:00.000Z', rows(12_000));
    const second = repo.insertBatch(1, 'webinar_attended', '2026-05-15T13:00:00.000Z', rows(12_000));
    const secondResult = await second;
    // the second call wrote nothing itself, yet every row it calls a duplicate is on disk now
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(12_000);
    expect([await first, secondResult]).toEqual([
      { inserted: 12_000, duplicates: 0 },
      { inserted: 0, duplicates: 12_000 },
    ]);
  });

  it('rebuilds the index from the file it wrote, skipping a torn last line', async () => {
    await repo.insertBatch(7, 'type "quoted"', '2026-05-15T13:00:00.000Z', [
      { phoneE164: '+15551234567', occurredAtMs: 0, metadataJson: '{"a":1}' },
      { phoneE164: '+15551234567', occurredAtMs: 1 },
    ]);
    await repo.close();
    await writeFile(path.join(dataDir, 'lead-events.jsonl'), '{"organizationId":7,"eventType":"torn', { flag: 'a' });
    repo = await FileLeadEventRepo.open(dataDir);
    expect(repo.count()).toBe(2);
    expect(await repo.insertBatch(7, 'type "quoted"', 'x', [{ phoneE164: '+15551234567', occurredAtMs: 1 }])).toEqual({ inserted: 0, duplicates: 1 });
    expect(await repo.listForPhone(7, '+15551234567', { limit: 10 })).toEqual([
      { organizationId: 7, eventType: 'type "quoted"', phoneE164: '+15551234567', occurredAt: '1970-01-01T00:00:00.001Z', receivedAt: '2026-05-15T13:00:00.000Z' },
      { organizationId: 7, eventType: 'type "quoted"', phoneE164: '+15551234567', occurredAt: '1970-01-01T00:00:00.000Z', receivedAt: '2026-05-15T13:00:00.000Z', metadata: { a: 1 } },
    ]);
  });

  it('reads back every row of a batch, whatever its bytes, across chunks', async () => {
    const metadata = (i: number) => (i % 3 === 0 ? { note: `café ☕ ${i}` } : i % 3 === 1 ? { n: i } : undefined);
    const events: NewLeadEvent[] = Array.from({ length: 12_000 }, (_, i) => ({
      phoneE164: `+1212${2_000_000 + i}`,
      occurredAtMs: i,
      metadataJson: metadata(i) && JSON.stringify(metadata(i)),
    }));
    for (const eventType of ['ascii_type', 'tipo_ñ']) {
      expect(await repo.insertBatch(1, eventType, '2026-05-15T13:00:00.000Z', events)).toEqual({ inserted: 12_000, duplicates: 0 });
      for (const i of [0, 1, 2, 4_999, 5_000, 5_001, 11_999]) {
        const [event] = await repo.listForPhone(1, events[i].phoneE164, { eventType, limit: 1 });
        expect(event).toMatchObject({ eventType, phoneE164: events[i].phoneE164, occurredAt: new Date(i).toISOString() });
        expect(event.metadata).toEqual(metadata(i));
      }
    }
  });

  it('writes lines that are plain JSON with the indexed fields first', () => {
    const line = leadEventLineFormatter(3, 'trial_started', '2026-05-15T13:00:00.000Z')({ phoneE164: '+15551234567', occurredAtMs: 0, metadataJson: '{"k":"v"}' });
    expect(JSON.parse(line)).toEqual({
      organizationId: 3,
      eventType: 'trial_started',
      phoneE164: '+15551234567',
      occurredAt: '1970-01-01T00:00:00.000Z',
      receivedAt: '2026-05-15T13:00:00.000Z',
      metadata: { k: 'v' },
    });
  });
});
