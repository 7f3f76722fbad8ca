import { Router } from 'express';
import { z } from 'zod';
import type { Store, DeliveryStatus } from '../../store/index.js';
import { notFound, validationError } from '../errors.js';
import { jsonBody } from '../middleware.js';

const DeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'dead', 'gone', 'canceled']);
const DeliveryListQuery = z.object({
  status: DeliveryStatusSchema.optional(),
  ruleId: z.string().min(1).optional(),
  eventId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const BulkReplay = z.object({
  status: DeliveryStatusSchema.exclude(['pending']).default('dead'),
  since: z.iso.datetime({ offset: true }).optional(),
  ruleId: z.string().min(1).optional(),
});

export function deliveryRoutes(deps: { store: Store; now: () => Date; onReplayed: () => void }): Router {
  const { store, now } = deps;
  const router = Router();
  router.get('/deliveries', async (req, res) => {
    const query = DeliveryListQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    res.json(await store.outbox.list(req.organization!.id, query.data));
  });
  router.get('/deliveries/:id', async (req, res) => {
    const found = await store.outbox.get(req.organization!.id, String(req.params.id));
    if (!found) throw notFound(`delivery ${req.params.id}`);
    res.json({ ...found.delivery, body: JSON.parse(found.body), attempts: found.attempts });
  });
  router.post('/deliveries/replay', jsonBody(), async (req, res) => {
    const body = BulkReplay.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    const { status, since, ruleId } = body.data;
    let ids = store.outbox.select(req.organization!.id, status as DeliveryStatus, since ? new Date(since) : undefined);
    if (ruleId) {
      const ofRule = new Set((await store.outbox.list(req.organization!.id, { ruleId, status, limit: Number.MAX_SAFE_INTEGER })).map((delivery) => delivery.id));
      ids = ids.filter((id) => ofRule.has(id));
    }
    const replayed = await store.outbox.replay(ids, now());
    deps.onReplayed();
    res.status(202).json({ replayed: replayed.length, ids: replayed.map((delivery) => delivery.id) });
  });
  router.post('/deliveries/:id/replay', async (req, res) => {
    const found = await store.outbox.get(req.organization!.id, String(req.params.id));
    if (!found) throw notFound(`delivery ${req.params.id}`);
    const [replayed] = await store.outbox.replay([found.delivery.id], now());
    deps.onReplayed();
    res.status(202).json(replayed ?? found.delivery);
  });
  return router;
}
