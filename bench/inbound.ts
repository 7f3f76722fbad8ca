/**
 * `npm run bench -- inbound`: 20,000 platform webhooks (mixed providers) at concurrency 50 into
 * the engine on loopback, with 100,000 events already stored; then a restart on that data.
 * Targets: ≥ 2,000 accepted/s, p99 ack ≤ 50 ms, event-loop stall ≤ 100 ms, RSS ≤ 300 MB, restart ≤ 2 s.
 */
import { bootstrap } from '../engine/accounts/index.js';
import { openFileStore } from '../engine/store/index.js';
import { normalizeWebhook } from '../engine/sources/index.js';
import { BENCH_KEY, benchDir, blast, fixed, percentile, removeDir, startEngineProcess } from './_engine.js';
import { payload, PROVIDER_ORDER } from './_payloads.js';

const STORED = 100_000;
const REQUESTS = 20_000;
const CONCURRENCY = 50;

async function seed(dataDir: string): Promise<void> {
  const store = await openFileStore(dataDir);
  await bootstrap(store, new Date(), BENCH_KEY);
  const receivedAt = new Date().toISOString();
  for (let start = 0; start < STORED; start += 1000) {
    const batch = [];
    for (let i = start; i < start + 1000; i++) {
      const provider = PROVIDER_ORDER[i % 4];
      const event = normalizeWebhook(provider, payload(provider, i, 'seed-'), { organizationId: 1, receivedAt });
      // History that was already processed: stored and decided.
      batch.push(
        store.events.append(event).then(() => store.outbox.decide({ eventId: event.id, organizationId: 1, deliveries: [], onceKeys: [] })),
      );
    }
    await Promise.all(batch);
  }
  await store.close();
}

export async function run(): Promise<string> {
  const dataDir = await benchDir();
  try {
    await seed(dataDir);
    let engine = await startEngineProcess(dataDir);
    try {
      const sources = (await engine.api('/api/v1/sources')) as { provider: string; url: string }[];
      const urls = PROVIDER_ORDER.map((provider) => sources.find((source) => source.provider === provider)!.url);
      await blast(urls[0], 500, 10, (i) => JSON.stringify(payload('setter', i, 'warm-')));
      await engine.api('/api/v1/metrics?reset=true');
      // One pool per provider URL would spread connections; the paths differ, the origin is one.
      const bodies = (i: number) => JSON.stringify(payload(PROVIDER_ORDER[i % 4], i));
      const result = await blastMixed(urls, bodies);
      const metrics = await engine.api('/api/v1/metrics');
      const rss = engine.peakRssMb();
      await engine.stop();
      engine = await startEngineProcess(dataDir);
      const stored = (await engine.api('/api/v1/metrics')).events;
      return (
        `inbound: accepted_per_s=${fixed(result.ok / result.seconds)} p50_ms=${fixed(percentile(result.latenciesMs, 50), 2)} ` +
        `p99_ms=${fixed(percentile(result.latenciesMs, 99), 2)} accepted=${result.ok}/${REQUESTS} failed=${result.failed} ` +
        `max_stall_ms=${fixed(metrics.eventLoopDelay.maxMs, 1)} rss_mb=${fixed(rss)} restart_ready_ms=${fixed(engine.readyMs)} ` +
        `stored_after_restart=${stored}`
      );
    } finally {
      await engine.stop();
    }
  } finally {
    await removeDir(dataDir);
  }
}

async function blastMixed(urls: string[], bodies: (i: number) => string) {
  const origin = new URL(urls[0]).origin;
  const paths = urls.map((url) => new URL(url).pathname);
  return blast(`${origin}/`, REQUESTS, CONCURRENCY, bodies, (i) => paths[i % 4]);
}
