import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../engine/config.js';
import { startEngine, type Engine } from '../../engine/server.js';

export const TEST_API_KEY = 'sk_test_0123456789abcdef0123';

export interface TestEngine {
  engine: Engine;
  url: string;
  dataDir: string;
  apiKey: string;
  /** fetch against the engine with the bootstrap API key. */
  api(pathname: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Restarts the engine on the same data folder (a clean stop, `whileStopped`, then a start). */
  restart(whileStopped?: () => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function tempDir(prefix = 'switchboard-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** The real engine on a loopback port with a temporary data folder. */
export async function startTestEngine(env: Record<string, string> = {}): Promise<TestEngine> {
  const dataDir = env.DATA_DIR ?? (await tempDir());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SWITCHBOARD_API_KEY: TEST_API_KEY,
    LOG_LEVEL: 'silent',
    ALLOW_PRIVATE_DESTINATIONS: 'true',
    RULES_DIR: path.join(dataDir, 'no-rules'),
    ...env,
  });
  const logger = pino({ level: 'silent' });
  const handle: TestEngine = {
    engine: await startEngine(config, { logger }),
    get url() {
      return handle.engine.url;
    },
    dataDir,
    apiKey: TEST_API_KEY,
    api(pathname, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TEST_API_KEY}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${handle.engine.url}${pathname}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      });
    },
    async restart(whileStopped) {
      await handle.engine.close();
      await whileStopped?.();
      handle.engine = await startEngine(config, { logger });
    },
    async close() {
      await handle.engine.close();
      if (!env.DATA_DIR) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** The organization's inbound URL for a provider. */
export async function inboundUrl(engine: TestEngine, provider: string): Promise<string> {
  const sources = (await (await engine.api('/api/v1/sources')).json()) as { provider: string; url: string }[];
  const source = sources.find((candidate) => candidate.provider === provider);
  if (!source) throw new Error(`no ${provider} source`);
  return source.url;
}
