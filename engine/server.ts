import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createServer, type Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { bootstrap } from './accounts/index.js';
import { openFileStore, type Store } from './store/index.js';
import { ensureSources, sourceView } from './http/routes/sources.js';
import { readRuleFiles, RuleBook } from './rules/index.js';
import { createPipeline } from './pipeline/index.js';
import { createInactivityWatch } from './inactivity/index.js';
import { createEvaluator, UsageMeter } from './conditions/index.js';
import { judgeWith } from './pipeline/judge.js';
import { createSender, createWorker, destinationGuard, DEFAULT_RETRY_POLICY } from './dispatch/index.js';

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
  random?: () => number;
  /** Told the generated bootstrap key and inbound URLs on a first start. */
  onFirstStart?: (info: { apiKey?: string; sources: { provider: string; url: string }[] }) => void;
}

/** The composition root: builds store, capabilities and HTTP server once, from the config. */
export async function startEngine(config: Config, options: EngineOptions = {}): Promise<Engine> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const now = options.now ?? (() => new Date());
  const fileRules = await readRuleFiles(config.RULES_DIR);
  const store = await openFileStore(config.DATA_DIR, now);
  const first = await bootstrap(store, now(), config.SWITCHBOARD_API_KEY);

  const usage = new UsageMeter();
  const evaluator = createEvaluator(config, { usage });
  const guard = destinationGuard(config.ALLOW_PRIVATE_DESTINATIONS);
  const rules = await RuleBook.open({ store, now, guard, fileRules, canJudge: evaluator.supports?.bind(evaluator) });
  const worker = createWorker({
    store,
    rules,
    sender: createSender({ timeoutMs: config.DELIVERY_TIMEOUT_MS, guard, connections: config.DELIVERY_CONCURRENCY }),
    policy: { ...DEFAULT_RETRY_POLICY, scheduleMs: config.RETRY_SCHEDULE },
    logger,
    now,
    random: options.random ?? Math.random,
    concurrency: config.DELIVERY_CONCURRENCY,
  });
  const inactivity = createInactivityWatch({
    store,
    logger,
    now,
    after: config.INACTIVITY_AFTER,
    emit: async (event) => {
      if (!(await store.events.append(event)).duplicate) pipeline.submit(event);
    },
  });
  const pipeline = createPipeline({
    store,
    rules,
    judge: judgeWith(evaluator),
    logger,
    now,
    onDeliveriesQueued: worker.wake,
    observe: inactivity.observe,
  });

  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const metrics = (reset: boolean) => {
    const snapshot = {
      eventLoopDelay: { maxMs: eventLoop.max / 1e6, p99Ms: eventLoop.percentile(99) / 1e6, meanMs: eventLoop.mean / 1e6 },
      memory: (({ rss, heapUsed, external }) => ({
        rssMb: Math.round(rss / 1048576),
        heapUsedMb: Math.round(heapUsed / 1048576),
        externalMb: Math.round(external / 1048576),
      }))(process.memoryUsage()),
      events: store.events.count(),
      undecidedEvents: pipeline.backlog(),
      nextDeliveryDueAt: store.outbox.nextDueAt() ?? null,
    };
    if (reset) eventLoop.reset();
    return snapshot;
  };

  let publicUrl = '';
  const app = createApp({
    store,
    logger,
    now,
    publicUrl: () => publicUrl,
    defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
    rules,
    pipeline,
    wakeWorker: worker.wake,
    metrics,
    evaluator,
    usage,
  });

  const server: Server = await new Promise<Server>((resolve, reject) => {
    const listening = createServer(app).listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  }).catch(async (error: unknown) => {
    // A port in use must not leave the data folder locked and its logs open.
    eventLoop.disable();
    await store.close();
    throw error;
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
  worker.start();
  inactivity.start();
  const recovered = await pipeline.recover();
  logger.info(
    { url, publicUrl, events: store.events.count(), leadEvents: store.leadEvents.count(), recovered, rules: fileRules.length },
    'switchboard engine listening',
  );

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
      inactivity.stop();
      await pipeline.drain();
      await worker.stop();
      eventLoop.disable();
      await store.close();
    },
  };
}
