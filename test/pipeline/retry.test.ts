import { rm } from 'node:fs/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openFileStore } from '../../engine/store/index.js';
import { createPipeline } from '../../engine/pipeline/index.js';
import { RuleBook } from '../../engine/rules/index.js';
import { destinationGuard } from '../../engine/dispatch/index.js';
import { normalizeWebhook } from '../../engine/sources/index.js';
import { tempDir } from '../helpers/engine.js';
import { eventually } from '../helpers/receiver.js';

describe('the pipeline', () => {
  it('decides an event again, in process, after a failed decision write', async () => {
    const dir = await tempDir();
    const store = await openFileStore(dir);
    const organization = await store.organizations.create('Test');
    const rules = await RuleBook.open({ store, now: () => new Date(), guard: destinationGuard(true), fileRules: [] });
    // The outbox write fails once, as a full disk would, then works again.
    const decide = store.outbox.decide.bind(store.outbox);
    let failures = 0;
    store.outbox.decide = async (decision) => {
      if (failures++ === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return decide(decision);
    };
    const pipeline = createPipeline({ store, rules, logger: pino({ level: 'silent' }), now: () => new Date(), onDeliveriesQueued: () => {} });
    const event = normalizeWebhook('calstudio', { event: 'Message sent', timestamp: '2026-01-01T00:00:00Z', user_email: 'a@example.com', last_message: 'hi' }, { organizationId: organization.id, receivedAt: new Date().toISOString() });
    await store.events.append(event);
    pipeline.submit(event);
    await eventually(() => store.outbox.isDecided(event.id), 5000);
    expect(failures).toBe(2);
    expect(await store.undecidedEvents()).toEqual([]);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
});
