/**
 * `npm run bench -- lead-ingest`: one 50,000-event request (mixed phone formats, ~2% invalid)
 * against an engine whose store already holds 1,000,000 lead events, end to end over HTTP on
 * loopback; then the same request again (all duplicates). Targets: ≤ 1.0 s, ≤ 0.7 s, peak RSS of
 * the engine process ≤ 500 MB, no event-loop stall over 200 ms.
 */
import { benchDir, removeDir, startEngineProcess } from './_engine.js';
import { cpuMsOf, engineLoopMaxMs, postJson, round, seededRandom, usPhone, withStallProbe, writeFixture } from './_lead-bench.js';

const STORED = 1_000_000;
const FIXTURE_PHONES = 400_000;
const BATCH = 50_000;
const INVALID = ['n/a', '12345', '+1 555', 'call me', '+999 1234 5678', '', '0000000'];

const digits = (random: (below: number) => number, count: number) => String(random(10 ** count)).padStart(count, '0');

/** The phone formats real senders mix: E.164, no plus, US formatting, spaced international numbers. */
function phoneOf(i: number, random: (below: number) => number): string {
  const kind = random(100);
  const us = usPhone(FIXTURE_PHONES + i);
  if (kind < 2) return INVALID[random(INVALID.length)];
  if (kind < 40) return us;
  if (kind < 55) return us.slice(1);
  if (kind < 70) return `+1 (${us.slice(2, 5)}) ${us.slice(5, 8)}-${us.slice(8)}`;
  if (kind < 80) return `+44 7${digits(random, 3)} ${digits(random, 6)}`;
  if (kind < 85) return `+49 30 ${digits(random, 8)}`;
  if (kind < 90) return `+33 6 ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)}`;
  if (kind < 95) return `+91 9${digits(random, 9)}`;
  return `+55 11 9${digits(random, 8)}`;
}

/** Events of the last week, occurredAt spelled three ways, half with Setter-style metadata. */
function batchBody(now: number): string {
  const random = seededRandom(11);
  const events = Array.from({ length: BATCH }, (_, i) => {
    const iso = new Date(now - random(7 * 24 * 60 * 60_000)).toISOString();
    const occurredAt = i % 3 === 0 ? iso : i % 3 === 1 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}+00:00`;
    const metadata = i % 2 === 0 ? { orderId: `ord_${i.toString(36)}`, amountUsd: 297, utm: 'spring_webinar' } : undefined;
    return { phoneE164: phoneOf(i, random), occurredAt, ...(metadata ? { metadata } : {}) };
  });
  return JSON.stringify({ organizationId: 1, eventType: 'webinar_attended', events });
}

interface Result {
  received: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

export async function run(): Promise<string> {
  const dataDir = await benchDir();
  try {
    const now = Date.now();
    await writeFixture(dataDir, { rows: STORED, phones: FIXTURE_PHONES, now, recentWebinarShare: 0.05 });
    const engine = await startEngineProcess(dataDir);
    try {
      const url = `${engine.url}/api/v1/webhooks/lead-events`;
      const body = batchBody(now);
      await engineLoopMaxMs(engine);
      const cpuBefore = await cpuMsOf(engine.pid);
      const first = await withStallProbe(engine.url, () => postJson(url, body));
      const cpuFirst = await cpuMsOf(engine.pid);
      const repost = await withStallProbe(engine.url, () => postJson(url, body));
      const cpuRepost = await cpuMsOf(engine.pid);
      const loopMaxMs = await engineLoopMaxMs(engine);
      const [once, again] = [first.result.json as Result, repost.result.json as Result];
      if (once.received !== BATCH || once.inserted + once.duplicates + once.rejected !== BATCH) throw new Error(`unexpected ${JSON.stringify(once)}`);
      if (again.inserted !== 0 || again.duplicates !== once.inserted + once.duplicates) throw new Error(`repost not idempotent: ${JSON.stringify(again)}`);
      return [
        'lead-ingest:',
        `first_ms=${round(first.result.ms)}`,
        `repost_ms=${round(repost.result.ms)}`,
        `first_cpu_ms=${cpuFirst - cpuBefore}`,
        `repost_cpu_ms=${cpuRepost - cpuFirst}`,
        `rss_mb=${round(engine.peakRssMb())}`,
        `max_stall_ms=${round(Math.max(first.maxStallMs, repost.maxStallMs))}`,
        `loop_max_ms=${round(loopMaxMs)}`,
        `startup_ms=${round(engine.readyMs)}`,
        `stored=${STORED}`,
        `inserted=${once.inserted}`,
        `duplicates=${once.duplicates}`,
        `rejected=${once.rejected}`,
        `body_mb=${(Buffer.byteLength(body) / 2 ** 20).toFixed(1)}`,
      ].join(' ');
    } finally {
      await engine.stop();
    }
  } finally {
    await removeDir(dataDir);
  }
}
