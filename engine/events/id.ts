import { createHash } from 'node:crypto';

/**
 * A stable event id from the source's own identity, so a platform's retry of one webhook maps
 * to the same id and is stored once. Scoped by organization and provider.
 */
export function deriveEventId(organizationId: number, provider: string, identity: unknown[]): string {
  const digest = createHash('sha256').update(JSON.stringify([organizationId, provider, ...identity])).digest('base64url');
  return `evt_${digest.slice(0, 24)}`;
}
