import type { RequestListener } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { Store } from './store/index.js';
import { errorHandler, requestId, requireApiKey, routeNotFound } from './http/middleware.js';
import { inboundFastPath } from './http/inbound-fast-path.js';
import { eventRoutes } from './http/routes/events.js';
import { sourceRoutes } from './http/routes/sources.js';
import { accountRoutes } from './http/routes/account.js';
import { ruleRoutes } from './http/routes/rules.js';
import { deliveryRoutes } from './http/routes/deliveries.js';
import { leadEventsWebhookRoutes, leadRoutes } from './http/routes/leads.js';
import { settingsRoutes } from './http/routes/settings.js';
import { signingKeyRoutes } from './http/routes/signing-keys.js';
import type { RuleBook } from './rules/index.js';
import type { Pipeline } from './pipeline/index.js';
import type { ConditionEvaluator, UsageMeter } from './conditions/index.js';
import { conditionRoutes } from './http/routes/conditions.js';

export interface AppDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  /** Base of the inbound URLs shown to users, without a trailing slash (known once listening). */
  publicUrl: () => string;
  defaultPhoneRegion?: string;
  rules: RuleBook;
  /** The rest of the flow for a newly stored event: decide, map, enqueue. */
  pipeline: Pipeline;
  /** Tells the delivery worker that deliveries became due. */
  wakeWorker: () => void;
  /** Process health for operators and benchmarks: event-loop delay, memory, volumes. */
  metrics: (reset: boolean) => Record<string, unknown>;
  evaluator: ConditionEvaluator;
  usage: UsageMeter;
}

/** The HTTP surface: thin routes over the engine's capabilities. */
export function createApp(deps: AppDeps): RequestListener {
  const { store, logger, now } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestId());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const leads = { store, now, defaultPhoneRegion: deps.defaultPhoneRegion };
  // Before the API-key router: an organization may sign lead events with HMAC instead of a key.
  app.use(leadEventsWebhookRoutes(leads));

  const api = express.Router();
  api.use(requireApiKey(store));
  api.get('/metrics', (req, res) => {
    res.json(deps.metrics(req.query.reset === 'true'));
  });
  api.use(accountRoutes(store, now));
  api.use(sourceRoutes(store, deps.publicUrl, now));
  api.use(eventRoutes(store));
  api.use(ruleRoutes({ store, rules: deps.rules, pipeline: deps.pipeline }));
  api.use(deliveryRoutes({ store, now, onReplayed: deps.wakeWorker }));
  api.use(conditionRoutes(deps.evaluator, deps.usage));
  api.use(leadRoutes(leads));
  api.use(settingsRoutes(store, deps.rules));
  api.use(signingKeyRoutes(store, now));
  app.use('/api/v1', api);

  app.use(routeNotFound());
  app.use(errorHandler(logger));

  const inbound = inboundFastPath({ store, now, defaultPhoneRegion: deps.defaultPhoneRegion, onStored: deps.pipeline.submit }, logger);
  return (req, res) => {
    if (!inbound(req, res)) app(req, res);
  };
}
