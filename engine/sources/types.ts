import type { CanonicalEvent, Provider } from '../events/schema.js';

export interface NormalizeContext {
  organizationId: number;
  /** ISO 8601 UTC time the engine received the webhook. */
  receivedAt: string;
  /** DEFAULT_PHONE_REGION, the last hint for a number written without a country code. */
  defaultPhoneRegion?: string;
}

/** One platform's webhook payloads turned into canonical events. Pure: no I/O, no clock. */
export interface SourceAdapter {
  provider: Provider;
  normalize(payload: Record<string, unknown>, context: NormalizeContext): CanonicalEvent;
}
