import { Router } from 'express';
import { z } from 'zod';
import { EVENT_TYPES, EventTypeSchema } from '../../events/schema.js';
import { EVENT_CATALOGUE } from '../../events/catalogue.js';
import type { Store } from '../../store/index.js';
import { notFound, validationError } from '../errors.js';

const EventListQuery = z.object({
  type: EventTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().min(1).optional(),
});

export function eventRoutes(store: Store): Router {
  const router = Router();
  router.get('/event-types', (_req, res) => {
    res.json(EVENT_TYPES.filter((type) => type !== 'source.unrecognized').map((type) => ({ type, ...EVENT_CATALOGUE[type] })));
  });
  router.get('/events', async (req, res) => {
    const query = EventListQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    res.json(await store.events.list(req.organization!.id, query.data));
  });
  router.get('/events/:id', async (req, res) => {
    const event = await store.events.get(req.organization!.id, req.params.id);
    if (!event) throw notFound(`event ${req.params.id}`);
    res.json(event);
  });
  return router;
}
