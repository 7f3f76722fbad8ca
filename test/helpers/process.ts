import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngine as bundleEngine, ENGINE_BUNDLE } from '../../scripts/build-engine.js';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let built: Promise<unknown> | undefined;

/** Bundles the engine the way `npm start` does (`npm run build:engine`), once per process. */
export function buildEngine(): Promise<unknown> {
  built ??= bundleEngine();
  return built;
}

export interface EngineProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until /healthz answered. */
  readyMs: number;
}

/** The engine as its own process, exactly as `npm start` runs it, on a loopback port; resolves when it is ready. */
export async function spawnEngine(env: Record<string, string>, nodeArgs: string[] = []): Promise<EngineProcess> {
  await buildEngine();
  const port = env.PORT ?? String(21_000 + Math.floor(Math.random() * 20_000));
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', ENGINE_BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: port },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((response) => response.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, url, readyMs: performance.now() - started };
}
