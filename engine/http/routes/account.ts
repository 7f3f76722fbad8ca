import { Router } from 'express';
import { z } from 'zod';
import { issueApiKey } from '../../accounts/index.js';
import type { Store } from '../../store/index.js';
import { notFound, validationError } from '../errors.js';
import { jsonBody } from '../middleware.js';

const NewApiKey = z.object({ name: z.string().min(1).max(100).default('api') });

export function accountRoutes(store: Store, now: () => Date): Router {
  const router = Router();
  router.get('/me', (req, res) => {
    const organization = req.organization!;
    res.json({ organizationId: organization.id, name: organization.name });
  });
  router.get('/api-keys', async (req, res) => {
    const keys = await store.apiKeys.list(req.organization!.id);
    res.json(keys.map(({ hash: _hash, ...visible }) => visible));
  });
  router.post('/api-keys', jsonBody(), async (req, res) => {
    const body = NewApiKey.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    const { key, record } = await issueApiKey(store, req.organization!.id, body.data.name, now());
    const { hash: _hash, ...visible } = record;
    res.status(201).json({ ...visible, key });
  });
  router.delete('/api-keys/:id', async (req, res) => {
    if (!(await store.apiKeys.remove(req.organization!.id, req.params.id))) throw notFound(`API key ${req.params.id}`);
    res.status(204).end();
  });
  return router;
}
