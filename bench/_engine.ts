/** Shared benchmark plumbing: the real engine as a child process, loopback load, and figures. */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { spawnEngine } from '../test/helpers/process.js';

export { ROOT } from '../test/helpers/process.js';
export const BENCH_KEY = 'sk_bench_0123456789abcdef';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'switchboard-bench-'));
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

export interface RunningEngine {
  url: string;
  pid: number;
  /** Milliseconds from spawn until /healthz answered. */
  readyMs: number;
  api(pathname: string, init?: { method?: string; json?: unknown }): Promise<any>;
  /** Peak resident memory of the engine process so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Starts the engine as `npm start` runs it, on a free loopback port. */
export async function startEngineProcess(dataDir: string, env: Record<string, string> = {}): Promise<RunningEngine> {
  // BENCH_NODE_ARGS passes flags such as --cpu-prof to the engine when profiling a benchmark.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const { child, url, readyMs } = await spawnEngine(
    { DATA_DIR: dataDir, RULES_DIR: path.join(dataDir, 'no-rules'), SWITCHBOARD_API_KEY: BENCH_KEY, ...env },
    nodeArgs,
  );
  return {
    url,
    pid: child.pid!,
    readyMs,
    async api(pathname, init = {}) {
      const response = await fetch(`${url}${pathname}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${pathname}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    peakRssMb() {
      try {
        return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
      } catch {
        return NaN;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

export interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  latenciesMs: Float64Array;
}

/** Sends `body(i)` as POSTs to `url` (or `pathOf(i)` on its origin) with `concurrency` requests in flight; records each latency. */
export async function blast(
  url: string,
  count: number,
  concurrency: number,
  body: (i: number) => string,
  pathOf: (i: number) => string = () => new URL(url).pathname,
): Promise<LoadResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1 });
  const latencies = new Float64Array(count);
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const payload = body(i);
        const sent = performance.now();
        try {
          const response = await pool.request({ path: pathOf(i), method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
          await response.body.dump();
          if (response.statusCode === 202 || response.statusCode === 200) ok++;
          else failed++;
        } catch {
          failed++;
        }
        latencies[i] = performance.now() - sent;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { ok, failed, seconds, latenciesMs: latencies.sort() };
}

export const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
