import { Router } from 'express';
import { createSigningKey, deleteSigningKey, listSigningKeys } from '../../leads/index.js';
import type { Store } from '../../store/index.js';

/** HMAC keys for inbound lead events; several at once, for rotation. */
export function signingKeyRoutes(store: Store, now: () => Date): Router {
  const router = Router();
  router.post('/signing-keys', async (req, res) => {
    res.status(201).json(await createSigningKey(store, req.organization!.id, now()));
  });
  router.get('/signing-keys', async (req, res) => {
    res.json(await listSigningKeys(store, req.organization!.id));
  });
  router.delete('/signing-keys/:id', async (req, res) => {
    await deleteSigningKey(store, req.organization!.id, String(req.params.id));
    res.status(204).end();
  });
  return router;
}
