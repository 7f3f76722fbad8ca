/**
 * Shared set-up of the lead-event benchmarks: a `lead-events.jsonl` fixture written directly in
 * the store's own line format, the engine as a child process on it (so its RSS is its own), and a
 * /healthz poller that sees how long the engine's event loop stays blocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { leadEventLineFormatter } from '../engine/store/file/lead-events.js';

export const BENCH_API_KEY = 'sk_bench_0123456789abcdef0123';
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

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
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

export interface EngineProcess {
  url: string;
  startupMs: number;
  /** Peak and current resident set size of the engine process, in MB. */
  memory(): Promise<{ peakMb: number; currentMb: number }>;
  stop(): Promise<void>;
}

/**
 * `node --import tsx engine/main.ts` on the data folder; resolves once /healthz answers.
 * BENCH_NODE_ARGS adds node flags to the engine, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export async function startEngineProcess(dataDir: string): Promise<EngineProcess> {
  const port = await freePort();
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'engine/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SWITCHBOARD_API_KEY: BENCH_API_KEY, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode} during start-up`);
    try {
      await healthz(url);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const startupMs = performance.now() - started;
  return {
    url,
    startupMs,
    async memory() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
      return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
    },
    async stop() {
      agent.destroy();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls /healthz back to back on its own connection while `work` runs: the longest answer is how
 * long the engine's event loop was blocked at most (plus a round trip of well under 1 ms).
 */
export async function withStallProbe<T>(url: string, work: () => Promise<T>): Promise<{ result: T; maxStallMs: number }> {
  let running = true;
  let maxStallMs = 0;
  const probe = (async () => {
    while (running) maxStallMs = Math.max(maxStallMs, await healthz(url));
  })();
  let result: T;
  try {
    result = await work();
  } finally {
    running = false;
    await probe;
  }
  return { result, maxStallMs };
}

export async function postJson(url: string, body: string): Promise<{ ms: number; json: unknown }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
    body,
  });
  const json = await response.json();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return { ms, json };
}

export const round = (value: number) => Math.round(value);
