import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Organization, Store } from '../store/index.js';
import { validationError } from '../http/errors.js';
import { requireSameOrganization } from './authenticate.js';
import { EvaluateRequestSchema, leadPhone, type EventFilter } from './schema.js';

/** Phones normalized between yields: even 5,000 national numbers (the slow parse) take ~100 ms. */
const CHUNK = 5_000;

export interface EvaluationDeps {
  store: Store;
  defaultPhoneRegion?: string;
}

/** Which phones a send would reach; each phone is returned as given. */
export interface Evaluation {
  included: unknown[];
  excluded: unknown[];
  /** Not readable as a phone number. */
  invalid: unknown[];
}

/**
 * Applies event filters (ANDed) to phones at the moment `atMs`. An event counts when it occurred
 * at or before `atMs` and, with `within`, no more than that many minutes before it (both bounds
 * inclusive). `include` keeps phones with such an event, `exclude` those without.
 */
export async function evaluateEventFilters(
  deps: EvaluationDeps,
  organizationId: number,
  filters: EventFilter[],
  phones: unknown[],
  atMs: number,
): Promise<Evaluation> {
  const e164: string[] = [];
  /** For each valid phone, its index in `phones`. */
  const validAt: number[] = [];
  for (let start = 0; start < phones.length; start += CHUNK) {
    await yieldToEventLoop(); // before the first chunk too: the body's JSON.parse ran in this task
    for (let index = start; index < Math.min(phones.length, start + CHUNK); index++) {
      const phone = leadPhone(phones[index], deps.defaultPhoneRegion);
      if (phone) {
        e164.push(phone);
        validAt.push(index);
      }
    }
  }
  const passes = new Uint8Array(e164.length).fill(1);
  for (const filter of filters) {
    const fromMs = filter.within ? atMs - filter.within.minutes * 60_000 : Number.NEGATIVE_INFINITY;
    const has = await deps.store.leadEvents.phonesWithEvent(organizationId, filter.eventType, e164, { fromMs, toMs: atMs });
    const wanted = filter.mode === 'include';
    for (let i = 0; i < passes.length; i++) if (has[i] !== wanted) passes[i] = 0;
  }
  const evaluation: Evaluation = { included: [], excluded: [], invalid: [] };
  for (let index = 0, next = 0; index < phones.length; index++) {
    if (validAt[next] !== index) evaluation.invalid.push(phones[index]);
    else (passes[next++] ? evaluation.included : evaluation.excluded).push(phones[index]);
  }
  return evaluation;
}

/** One call of POST /api/v1/event-filter/evaluate by an authenticated organization. */
export async function evaluateEventFilterRequest(
  deps: EvaluationDeps & { now: () => Date },
  organization: Organization,
  body: unknown,
): Promise<Evaluation> {
  const request = EvaluateRequestSchema.safeParse(body);
  if (!request.success) throw validationError(request.error, 422);
  const { organizationId = organization.id, filter, phones, at = deps.now().getTime() } = request.data;
  requireSameOrganization(organization, organizationId);
  return evaluateEventFilters(deps, organizationId, Array.isArray(filter) ? filter : [filter], phones, at);
}
