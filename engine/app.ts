import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { CanonicalEvent } from './events/schema.js';
import type { Store } from './store/index.js';
import { errorHandler, requestId, requireApiKey, routeNotFound } from './http/middleware.js';
import { inboundRoutes } from './http/routes/inbound.js';
import { eventRoutes } from './http/routes/events.js';
import { sourceRoutes } from './http/routes/sources.js';
import { accountRoutes } from './http/routes/account.js';

export interface AppDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  /** Base of the inbound URLs shown to users, without a trailing slash (known once listening). */
  publicUrl: () => string;
  defaultPhoneRegion?: string;
  /** The rest of the flow for a newly stored event (rules, delivery). */
  onEventStored: (event: CanonicalEvent) => void;
}

/** The HTTP surface: thin routes over the engine's capabilities. */
export function createApp(deps: AppDeps): Express {
  const { store, logger, now } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestId());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    inboundRoutes({ store, now, defaultPhoneRegion: deps.defaultPhoneRegion, onStored: deps.onEventStored }),
  );

  const api = express.Router();
  api.use(requireApiKey(store));
  api.use(accountRoutes(store, now));
  api.use(sourceRoutes(store, deps.publicUrl, now));
  api.use(eventRoutes(store));
  app.use('/api/v1', api);

  app.use(routeNotFound());
  app.use(errorHandler(logger));
  return app;
}
