import { randomUUID } from 'node:crypto';
import { randomSecret } from '../accounts/index.js';
import { ApiError, notFound } from '../http/errors.js';
import type { Store } from '../store/index.js';

/** Enough for rotation; bounds the HMACs computed per signed request. */
export const MAX_SIGNING_KEYS = 10;

export interface SigningKeyView {
  id: string;
  /** The first characters of the secret, so a user can tell keys apart. */
  prefix: string;
  createdAt: string;
}

/** A new signing key; its secret is returned only here. */
export async function createSigningKey(store: Store, organizationId: number, now: Date): Promise<{ id: string; secret: string }> {
  if ((await store.signingKeys.list(organizationId)).length >= MAX_SIGNING_KEYS) {
    throw new ApiError(409, 'too_many_signing_keys', `an organization has at most ${MAX_SIGNING_KEYS} signing keys; delete an old one first`);
  }
  const record = {
    id: `whk_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    organizationId,
    secret: randomSecret('whsec_'),
    createdAt: now.toISOString(),
  };
  await store.signingKeys.add(record);
  return { id: record.id, secret: record.secret };
}

export async function listSigningKeys(store: Store, organizationId: number): Promise<SigningKeyView[]> {
  return (await store.signingKeys.list(organizationId)).map(({ id, secret, createdAt }) => ({ id, prefix: secret.slice(0, 10), createdAt }));
}

export async function deleteSigningKey(store: Store, organizationId: number, id: string): Promise<void> {
  if (!(await store.signingKeys.remove(organizationId, id))) throw notFound(`signing key ${id}`);
}
