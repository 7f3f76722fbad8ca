import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { bootstrap } from './accounts/index.js';
import { openFileStore, type Store } from './store/index.js';
import { ensureSources, sourceView } from './http/routes/sources.js';

export interface Engine {
  /** Base URL the engine listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  publicUrl: string;
  store: Store;
  logger: Logger;
  /** Stops accepting, finishes in-flight requests and work, flushes the store. */
  close(): Promise<void>;
}

export interface EngineOptions {
  logger?: Logger;
  now?: () => Date;
  /** Told the generated bootstrap key and inbound URLs on a first start. */
  onFirstStart?: (info: { apiKey?: string; sources: { provider: string; url: string }[] }) => void;
}

/** The composition root: builds store, capabilities and HTTP server once, from the config. */
export async function startEngine(config: Config, options: EngineOptions = {}): Promise<Engine> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const now = options.now ?? (() => new Date());
  const store = await openFileStore(config.DATA_DIR, now);

  const first = await bootstrap(store, now(), config.SWITCHBOARD_API_KEY);
  let publicUrl = '';
  const app = createApp({
    store,
    logger,
    now,
    publicUrl: () => publicUrl,
    defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
    onEventStored: () => {},
  });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  publicUrl = (config.PUBLIC_URL ?? url).replace(/\/+$/, '');

  if (first) {
    const sources = (await ensureSources(store, first.organization.id)).map((source) => sourceView(source, publicUrl));
    options.onFirstStart?.({ apiKey: first.generatedKey, sources });
  }
  logger.info({ url, publicUrl, events: store.events.count() }, 'switchboard engine listening');

  return {
    url,
    publicUrl,
    store,
    logger,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    },
  };
}
