import { openMeta, organizationRepo, apiKeyRepo, sourceRepo, signingKeyRepo } from './meta.js';
import { FileEventRepo } from './events.js';
import { FileOutboxRepo } from './outbox.js';
import { FileLeadEventRepo } from './lead-events.js';
import { openRuleRepo } from './rules.js';
import { openTimerRepo } from './timers.js';
import { lockDataDir } from './lock.js';
import type { Store } from '../types.js';

/**
 * The embedded store: small, human-readable records in one lowdb file (`meta.json`), and
 * high-volume history in append-only JSON Lines logs beside it. One process at a time.
 */
export async function openFileStore(dataDir: string, now: () => Date = () => new Date()): Promise<Store> {
  const unlock = await lockDataDir(dataDir);
  try {
    const meta = await openMeta(dataDir);
    const events = await FileEventRepo.open(dataDir);
    const outbox = await FileOutboxRepo.open(dataDir, now);
    const leadEvents = await FileLeadEventRepo.open(dataDir);
    const timers = await openTimerRepo(dataDir);
    return {
      organizations: organizationRepo(meta, now),
      apiKeys: apiKeyRepo(meta),
      sources: sourceRepo(meta, now),
      events,
      rules: await openRuleRepo(dataDir),
      outbox,
      timers,
      leadEvents,
      signingKeys: signingKeyRepo(meta),
      undecidedEvents: async () => events.where((id) => !outbox.isDecided(id)),
      async close() {
        await meta.write();
        await events.close();
        await outbox.close();
        await leadEvents.close();
        await timers.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
