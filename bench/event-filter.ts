/**
 * `npm run bench -- event-filter`: 100,000 phones against 1,000,000 stored lead events,
 * `exclude` webinar_attended within 120 minutes, end to end over HTTP on loopback. Target ≤ 300 ms.
 */
import { benchDir, removeDir, startEngineProcess } from './_engine.js';
import { engineLoopMaxMs, postJson, round, seededRandom, usPhone, withStallProbe, writeFixture } from './_lead-bench.js';

const STORED = 1_000_000;
const FIXTURE_PHONES = 400_000;
const PHONES = 100_000;
const RUNS = 5;

/** Half the audience are known leads, half new; mixed formats; ~1% unreadable. */
function audience(): string[] {
  const random = seededRandom(23);
  return Array.from({ length: PHONES }, (_, i) => {
    const kind = random(100);
    if (kind < 1) return 'n/a';
    const phone = kind < 50 ? usPhone(random(FIXTURE_PHONES)) : usPhone(2_000_000 + i);
    if (kind % 4 === 1) return phone.slice(1);
    if (kind % 4 === 2) return `+1 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    return phone;
  });
}

interface Evaluation {
  included: unknown[];
  excluded: unknown[];
  invalid: unknown[];
}

export async function run(): Promise<string> {
  const dataDir = await benchDir();
  try {
    await writeFixture(dataDir, { rows: STORED, phones: FIXTURE_PHONES, now: Date.now(), recentWebinarShare: 0.05 });
    const engine = await startEngineProcess(dataDir);
    try {
      const body = JSON.stringify({ organizationId: 1, filter: { mode: 'exclude', eventType: 'webinar_attended', within: { minutes: 120 } }, phones: audience() });
      const url = `${engine.url}/api/v1/event-filter/evaluate`;
      const times: number[] = [];
      let maxStallMs = 0;
      let evaluation: Evaluation | undefined;
      await engineLoopMaxMs(engine);
      for (let i = 0; i < RUNS; i++) {
        const { result, maxStallMs: stall } = await withStallProbe(engine.url, () => postJson(url, body));
        times.push(result.ms);
        maxStallMs = Math.max(maxStallMs, stall);
        evaluation = result.json as Evaluation;
      }
      const loopMaxMs = await engineLoopMaxMs(engine);
      const sorted = [...times].sort((a, b) => a - b);
      return [
        'event-filter:',
        `first_ms=${round(times[0])}`,
        `median_ms=${round(sorted[Math.floor(RUNS / 2)])}`,
        `runs=${RUNS}`,
        `phones=${PHONES}`,
        `included=${evaluation!.included.length}`,
        `excluded=${evaluation!.excluded.length}`,
        `invalid=${evaluation!.invalid.length}`,
        `stored=${STORED}`,
        `max_stall_ms=${round(maxStallMs)}`,
        `loop_max_ms=${round(loopMaxMs)}`,
        `rss_mb=${round(engine.peakRssMb())}`,
        `startup_ms=${round(engine.readyMs)}`,
      ].join(' ');
    } finally {
      await engine.stop();
    }
  } finally {
    await removeDir(dataDir);
  }
}
