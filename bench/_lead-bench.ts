/**
 * Shared set-up of the lead-event benchmarks: a `lead-events.jsonl` fixture written directly in
 * the store's own line format (the engine then starts on it as a child process, see _engine.ts),
 * a /healthz poller that sees how long the engine's event loop stays blocked, and CPU time.
 */
import { open, readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { leadEventLineFormatter } from '../engine/store/file/lead-events.js';
import { BENCH_KEY, type RunningEngine } from './_engine.js';

export const EVENT_TYPES = ['webinar_attended', 'mastery_purchase', 'trial_started', 'cart_abandoned'] as const;
const AREA_CODES = ['212', '213', '305', '310', '312', '404', '415', '512', '617', '646', '702', '713', '718', '805', '818', '917', '206', '303', '503', '602'];

/** The i-th distinct US lead phone in E.164 (up to 20 × 8M of them). */
export const usPhone = (i: number) => `+1${AREA_CODES[i % AREA_CODES.length]}${2_000_000 + Math.floor(i / AREA_CODES.length)}`;

/** Deterministic pseudo-random numbers, so every run measures the same data. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

export interface FixtureOptions {
  rows: number;
  /** Distinct phones the rows are spread over. */
  phones: number;
  now: number;
  /** Share of webinar_attended rows that occurred within the last two hours. */
  recentWebinarShare: number;
}

/** Writes `rows` lead events of organization 1 over the last 90 days (types and phones mixed, a third with metadata). */
export async function writeFixture(dataDir: string, options: FixtureOptions): Promise<void> {
  const random = seededRandom(7);
  const receivedAt = new Date(options.now).toISOString();
  const formatters = EVENT_TYPES.map((eventType) => leadEventLineFormatter(1, eventType, receivedAt));
  const file = await open(path.join(dataDir, 'lead-events.jsonl'), 'w');
  const day = 24 * 60 * 60_000;
  try {
    for (let start = 0; start < options.rows; start += 50_000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(options.rows, start + 50_000); i++) {
        const type = i % 10 < 4 ? 0 : 1 + (i % 3);
        const recent = type === 0 && random(1_000_000) < options.recentWebinarShare * 1_000_000;
        const occurredAtMs = options.now - (recent ? random(2 * 60 * 60_000) : 2 * 60 * 60_000 + random(90 * day));
        const metadataJson = i % 3 === 0 ? `{"orderId":"ord_${i.toString(36)}","amountUsd":${97 + (i % 400)}}` : undefined;
        lines.push(formatters[type]({ phoneE164: usPhone(random(options.phones)), occurredAtMs, metadataJson }));
      }
      await file.write(`${lines.join('\n')}\n`);
    }
  } finally {
    await file.close();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function healthz(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/healthz`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    });
    request.on('error', reject);
  });
}

/** CPU time a process has used so far (user + system): unlike wall time, not inflated by other load. */
export async function cpuMsOf(pid: number): Promise<number> {
  // Fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux); the command
  // name (field 2) may hold spaces, so count from the closing parenthesis.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The engine's own event-loop delay maximum since the previous call (GET /api/v1/metrics, 10 ms
 * resolution): a cross-check of the /healthz probe from inside the process.
 */
export async function engineLoopMaxMs(engine: RunningEngine): Promise<number> {
  const metrics = (await engine.api('/api/v1/metrics?reset=true')) as { eventLoopDelay: { maxMs: number } };
  return metrics.eventLoopDelay.maxMs;
}

/**
 * Polls /healthz every 5 ms on its own connection while `work` runs: the longest answer is how
 * long the engine's event loop was blocked at most (plus a round trip of well under 1 ms). Not
 * back to back: that alone cost the engine ~100 ms of CPU per ingest.
 */
export async function withStallProbe<T>(url: string, work: () => Promise<T>): Promise<{ result: T; maxStallMs: number }> {
  let running = true;
  let maxStallMs = 0;
  const probe = (async () => {
    while (running) {
      maxStallMs = Math.max(maxStallMs, await healthz(url));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  let result: T;
  try {
    result = await work();
  } finally {
    running = false;
    await probe;
    agent.destroy();
  }
  return { result, maxStallMs };
}

export async function postJson(url: string, body: string): Promise<{ ms: number; json: unknown }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
    body,
  });
  const json = await response.json();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return { ms, json };
}

export const round = (value: number) => Math.round(value);
