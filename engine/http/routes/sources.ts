import { Router } from 'express';
import { z } from 'zod';
import { PROVIDERS, ProviderSchema, type Provider } from '../../events/schema.js';
import { randomSecret } from '../../accounts/index.js';
import type { SourceRecord, Store } from '../../store/index.js';
import { notFound, validationError } from '../errors.js';
import { jsonBody } from '../middleware.js';

export const newSourceToken = () => randomSecret('', 18);

const SourceUpdate = z.object({
  secret: z.string().min(8, 'must be at least 8 characters').max(256).nullable(),
});

export function sourceView(source: SourceRecord, publicUrl: string) {
  return {
    provider: source.provider,
    url: `${publicUrl}/in/${source.provider}/${source.token}`,
    secretConfigured: source.secret !== null,
    createdAt: source.createdAt,
    rotatedAt: source.rotatedAt,
  };
}

/** The organization's inbound URL for every provider, created on first use. */
export async function ensureSources(store: Store, organizationId: number): Promise<SourceRecord[]> {
  const sources: SourceRecord[] = [];
  for (const provider of PROVIDERS) sources.push(await store.sources.ensure(organizationId, provider, newSourceToken));
  return sources;
}

export function sourceRoutes(store: Store, publicUrl: () => string, now: () => Date): Router {
  const router = Router();
  const providerOf = (name: string): Provider => {
    const provider = ProviderSchema.safeParse(name);
    if (!provider.success) throw notFound(`source ${name}`);
    return provider.data;
  };
  router.get('/sources', async (req, res) => {
    res.json((await ensureSources(store, req.organization!.id)).map((source) => sourceView(source, publicUrl())));
  });
  router.post('/sources/:provider/rotate', async (req, res) => {
    const provider = providerOf(String(req.params.provider));
    await store.sources.ensure(req.organization!.id, provider, newSourceToken);
    const source = await store.sources.update(req.organization!.id, provider, {
      token: newSourceToken(),
      rotatedAt: now().toISOString(),
    });
    res.json(sourceView(source, publicUrl()));
  });
  router.put('/sources/:provider', jsonBody(), async (req, res) => {
    const provider = providerOf(String(req.params.provider));
    const update = SourceUpdate.safeParse(req.body);
    if (!update.success) throw validationError(update.error);
    await store.sources.ensure(req.organization!.id, provider, newSourceToken);
    res.json(sourceView(await store.sources.update(req.organization!.id, provider, update.data), publicUrl()));
  });
  return router;
}
