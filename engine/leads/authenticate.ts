import { createHmac, timingSafeEqual } from 'node:crypto';
import { organizationOfKey } from '../accounts/index.js';
import { ApiError } from '../http/errors.js';
import type { Organization, Store } from '../store/index.js';

export interface LeadEventsCredentials {
  /** The Bearer token, if any. */
  apiKey?: string;
  /** The `X-Setter-Signature` header, if any. */
  signature?: string;
  /** The exact bytes that were signed. */
  rawBody: Buffer;
  /** The body's organizationId, unvalidated: whose signing keys a signature is checked against. */
  claimedOrganizationId: unknown;
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether `sha256=<hex>` is the HMAC-SHA256 of the body under one of the secrets. Every secret is
 * compared, in constant time, so the timing tells nothing about which key (if any) matched.
 */
export function verifySignature(header: string, rawBody: Buffer, secrets: string[]): boolean {
  const match = SIGNATURE.exec(header.trim());
  if (!match) return false;
  const presented = Buffer.from(match[1], 'hex');
  let verified = false;
  for (const secret of secrets) {
    verified = timingSafeEqual(createHmac('sha256', secret).update(rawBody).digest(), presented) || verified;
  }
  return verified;
}

/**
 * The organization whose credentials came with a lead-events call. An API key of the organization
 * is accepted in both modes: it already grants everything, including switching the mode back, and
 * the Zapier action pushes lead events with it. A signature is accepted only once the organization
 * chose `hmac`. Throws 401 when neither verifies.
 */
export async function authenticateLeadEvents(store: Store, credentials: LeadEventsCredentials): Promise<Organization> {
  if (credentials.apiKey) {
    const organization = await organizationOfKey(store, credentials.apiKey);
    if (organization) return organization;
    if (!credentials.signature) throw new ApiError(401, 'unauthorized', 'the API key is not valid');
  }
  if (!credentials.signature) {
    throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <API key> or X-Setter-Signature: sha256=<hex HMAC of the body>');
  }
  const organizationId = credentials.claimedOrganizationId;
  if (typeof organizationId !== 'number' || !Number.isSafeInteger(organizationId) || organizationId < 1) {
    throw new ApiError(401, 'unauthorized', 'organizationId: a signed request must name its organization');
  }
  const organization = await store.organizations.get(organizationId);
  const verified =
    organization?.settings.inboundAuth === 'hmac' &&
    verifySignature(credentials.signature, credentials.rawBody, (await store.signingKeys.list(organizationId)).map((key) => key.secret));
  if (!verified) {
    throw new ApiError(
      401,
      'invalid_signature',
      `X-Setter-Signature does not match an active signing key of organization ${organizationId} (its inboundAuth must be hmac)`,
    );
  }
  return organization!;
}

/** Credentials of one organization may not act on another's data. */
export function requireSameOrganization(organization: Organization, organizationId: number): void {
  if (organization.id !== organizationId) {
    throw new ApiError(403, 'forbidden', `organizationId: the credentials belong to organization ${organization.id}, not ${organizationId}`);
  }
}
