import { ApiError } from '../http/errors.js';
import { sameSecret } from '../accounts/index.js';
import { ProviderSchema, type CanonicalEvent } from '../events/schema.js';
import { normalizeWebhook } from '../sources/index.js';
import type { Store } from '../store/index.js';

export interface InboundDeps {
  store: Store;
  now: () => Date;
  defaultPhoneRegion?: string;
  /** Called once per newly stored event, after it is durable: the rest of the flow. */
  onStored: (event: CanonicalEvent) => void;
}

export interface InboundWebhook {
  provider: string;
  token: string;
  /** Every place the platform may have put its shared secret (header forms, query). */
  presentedSecrets: string[];
  payload: unknown;
}


/**
 * Verifies, normalizes and durably stores one platform webhook. The caller acknowledges only
 * after this resolves; everything else happens in `onStored`.
 */
export async function receiveWebhook(deps: InboundDeps, webhook: InboundWebhook): Promise<{ event: CanonicalEvent; duplicate: boolean }> {
  const provider = ProviderSchema.safeParse(webhook.provider);
  // An unknown provider or token reveals nothing: both are plain 404s.
  const source = provider.success ? await deps.store.sources.findByToken(provider.data, webhook.token) : undefined;
  if (!provider.success || !source) throw new ApiError(404, 'not_found', 'no inbound source at this URL');
  if (source.secret !== null && !webhook.presentedSecrets.some((candidate) => sameSecret(candidate, source.secret!))) {
    throw new ApiError(401, 'invalid_secret', 'the webhook secret token is missing or does not match this source');
  }
  const payload = webhook.payload;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ApiError(422, 'invalid_payload', 'body: the webhook payload must be a JSON object');
  }
  const event = normalizeWebhook(provider.data, payload as Record<string, unknown>, {
    organizationId: source.organizationId,
    receivedAt: deps.now().toISOString(),
    defaultPhoneRegion: deps.defaultPhoneRegion,
  });
  const { duplicate } = await deps.store.events.append(event);
  if (!duplicate) deps.onStored(event);
  return { event, duplicate };
}
