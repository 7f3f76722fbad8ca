import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRecord, Organization, Store } from '../store/index.js';

/** sha256 hex of a secret (API keys are stored, and source tokens looked up, by it). */
export const hashSecret = (key: string): string => createHash('sha256').update(key).digest('hex');

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares two secrets in constant time, whatever their lengths. */
export const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/** A new random secret with a readable prefix (`sk_…` keys, `whsec_…` signing secrets). */
export const randomSecret = (prefix: string, bytes = 24): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;

export interface IssuedKey {
  /** Shown once; only its hash is stored. */
  key: string;
  record: ApiKeyRecord;
}

export async function issueApiKey(
  store: Store,
  organizationId: number,
  name: string,
  now: Date,
  key = randomSecret('sk_'),
): Promise<IssuedKey> {
  const record: ApiKeyRecord = {
    id: `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    organizationId,
    name,
    hash: hashSecret(key),
    prefix: key.slice(0, 7),
    createdAt: now.toISOString(),
  };
  await store.apiKeys.add(record);
  return { key, record };
}

/** The organization a Bearer key belongs to, if the key is known. */
export async function organizationOfKey(store: Store, key: string): Promise<Organization | undefined> {
  const record = await store.apiKeys.findByHash(hashSecret(key));
  return record && store.organizations.get(record.organizationId);
}

export interface Bootstrap {
  organization: Organization;
  /** The generated key, when one was generated; undefined when the store was not empty. */
  generatedKey?: string;
}

/**
 * On first start with an empty store, creates organization 1 and its first API key: the
 * configured SWITCHBOARD_API_KEY, or a generated one that the caller prints once.
 */
export async function bootstrap(store: Store, now: Date, configuredKey?: string): Promise<Bootstrap | undefined> {
  if ((await store.organizations.list()).length > 0) {
    if (configuredKey && !(await organizationOfKey(store, configuredKey))) {
      const first = (await store.organizations.list())[0];
      await issueApiKey(store, first.id, 'SWITCHBOARD_API_KEY', now, configuredKey);
    }
    return undefined;
  }
  const organization = await store.organizations.create('Default organization');
  const issued = await issueApiKey(store, organization.id, configuredKey ? 'SWITCHBOARD_API_KEY' : 'bootstrap', now, configuredKey);
  return { organization, generatedKey: configuredKey ? undefined : issued.key };
}
