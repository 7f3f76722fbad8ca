import type { LeadEvent, Store } from '../store/index.js';
import { ApiError, validationError } from '../http/errors.js';
import { leadPhone, LeadEventsQuerySchema } from './schema.js';

export interface PhoneEvents {
  phoneE164: string;
  events: Omit<LeadEvent, 'organizationId'>[];
}

/** A phone's lead events, newest first; the phone may be written in any accepted format. */
export async function leadEventsOfPhone(
  deps: { store: Store; defaultPhoneRegion?: string },
  organizationId: number,
  phone: string,
  query: unknown,
): Promise<PhoneEvents> {
  const phoneE164 = leadPhone(phone, deps.defaultPhoneRegion);
  if (!phoneE164) throw new ApiError(422, 'invalid_request', `phone: ${JSON.stringify(phone)} is not a phone number (invalid phoneE164)`);
  const parsed = LeadEventsQuerySchema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error, 422);
  const events = await deps.store.leadEvents.listForPhone(organizationId, phoneE164, parsed.data);
  return { phoneE164, events: events.map(({ organizationId: _organizationId, ...event }) => event) };
}
