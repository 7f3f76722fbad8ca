import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, TEST_API_KEY } from '../helpers/engine.js';
import { eventually, startReceiver } from '../helpers/receiver.js';
import { spawnEngine } from '../helpers/process.js';

const engineEnv = (dataDir: string) => ({
  DATA_DIR: dataDir,
  RULES_DIR: path.join(dataDir, 'no-rules'),
  SWITCHBOARD_API_KEY: TEST_API_KEY,
  ALLOW_PRIVATE_DESTINATIONS: 'true',
  RETRY_SCHEDULE: '0.05,0.1,0.2',
});

describe('crash safety', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('delivers every acknowledged event after a SIGKILL in the middle of a burst', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    cleanup.push(() => receiver.close());
    const dataDir = await tempDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    let engine = await spawnEngine(engineEnv(dataDir));
    cleanup.push(async () => engine.child.kill('SIGKILL'));
    const api = (pathname: string, init: RequestInit = {}) =>
      fetch(`${engine.url}${pathname}`, { ...init, headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json', ...init.headers } });

    const rule = await api('/api/v1/rules', {
      method: 'POST',
      body: JSON.stringify({ name: 'all bookings', on: ['appointment.booked'], mapping: '{"email": contact.email}', destination: { url: `${receiver.url}/deliver` } }),
    });
    expect(rule.status).toBe(201);
    const sources = (await (await api('/api/v1/sources')).json()) as { provider: string; url: string }[];
    const inbound = sources.find((source) => source.provider === 'setter')!.url;

    const total = 400;
    const acknowledged = new Set<string>();
    let sent = 0;
    const senders = Array.from({ length: 20 }, async () => {
      while (sent < total) {
        const i = sent++;
        const email = `lead${i}@example.com`;
        try {
          const response = await fetch(inbound, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'appointment_booked', timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), startTime: '2026-02-01T10:00:00Z', contactEmail: email }),
          });
          if (response.status === 202) acknowledged.add(email);
        } catch {
          // The engine died with this request in flight: it was never acknowledged.
        }
      }
    });
    await eventually(() => receiver.received.length >= 50, 20_000, 5);
    engine.child.kill('SIGKILL');
    await Promise.all(senders);
    expect(acknowledged.size).toBeGreaterThan(50);
    expect(acknowledged.size).toBeLessThan(total);

    engine = await spawnEngine({ ...engineEnv(dataDir), PORT: new URL(engine.url).port });
    const delivered = () => new Set(receiver.received.map((request) => JSON.parse(request.body).email as string));
    await eventually(() => [...acknowledged].every((email) => delivered().has(email)), 30_000, 50);
    const duplicates = receiver.received.length - delivered().size;
    // At-least-once: only the attempts in flight at the kill may be repeated.
    expect(duplicates).toBeLessThanOrEqual(64);
  }, 90_000);
});
