import { z } from 'zod';
import { leadPhoneToE164 } from '../events/phone.js';

/** Setter's published caps. */
export const MAX_EVENTS_PER_REQUEST = 50_000;
export const MAX_EVENT_TYPE_LENGTH = 128;
export const MAX_METADATA_BYTES = 8 * 1024;
export const MAX_REJECTS_RETURNED = 50;
export const MAX_PHONES_PER_EVALUATION = 100_000;
export const MAX_FILTERS_PER_EVALUATION = 10;

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)$/;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): no Date object per row. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * An ISO 8601 date-time with a time zone (`Z` or an offset) as epoch milliseconds; undefined for
 * anything else, including impossible dates and times without a zone (their instant is unknown).
 * Digits beyond milliseconds are dropped: instants are compared to the millisecond.
 */
export function instantOf(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = ISO_INSTANT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = [+match[1], +match[2], +match[3], +match[4], +match[5]];
  const second = match[6] === undefined ? 0 : +match[6];
  const millis = match[7] === undefined ? 0 : +match[7].slice(0, 3).padEnd(3, '0');
  const offsetHours = match[10] === undefined ? 0 : +match[10];
  const offsetMinutes = match[11] === undefined ? 0 : +match[11];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1000 + millis;
}

/** A phone in any format the contract accepts, as E.164; spreadsheet-style bare numbers too. */
export function leadPhone(raw: unknown, defaultRegion?: string): string | undefined {
  return leadPhoneToE164(typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw, defaultRegion);
}

const OrganizationId = z.number().int().positive();
const EventType = z.string().min(1).max(MAX_EVENT_TYPE_LENGTH);
const Instant = z.string().transform((text, context) => {
  const ms = instantOf(text);
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: 'must be an ISO 8601 date-time with a time zone, such as 2026-05-12T18:34:00Z' });
    return z.NEVER;
  }
  return ms;
});

/**
 * The request envelope of POST /api/v1/webhooks/lead-events. Events are checked row by row
 * afterwards (a bad row is rejected with a reason, never the whole call), so here they are opaque.
 */
export const LeadEventBatchSchema = z.object({
  organizationId: OrganizationId,
  eventType: EventType,
  events: z
    .array(z.unknown())
    .min(1, 'must hold at least 1 event')
    .max(MAX_EVENTS_PER_REQUEST, `must hold at most ${MAX_EVENTS_PER_REQUEST} events`),
});
export type LeadEventBatch = z.infer<typeof LeadEventBatchSchema>;

export const EventFilterSchema = z.object({
  mode: z.enum(['include', 'exclude']),
  eventType: EventType,
  /** Only events whose occurredAt lies within this many minutes before `at`; without it, any earlier event. */
  within: z.object({ minutes: z.number().int().positive().max(100 * 366 * 24 * 60) }).optional(),
});
export type EventFilter = z.infer<typeof EventFilterSchema>;

export const EvaluateRequestSchema = z.object({
  /** Optional; when given it must be the caller's organization. */
  organizationId: OrganizationId.optional(),
  /** One filter, or several that must all pass (ANDed). */
  filter: z.union([EventFilterSchema, z.array(EventFilterSchema).min(1).max(MAX_FILTERS_PER_EVALUATION)]),
  /** Phones that cannot be read as a phone number come back in `invalid`. */
  phones: z.array(z.unknown()).max(MAX_PHONES_PER_EVALUATION, `must hold at most ${MAX_PHONES_PER_EVALUATION} phones`),
  /** The moment the send fires; defaults to now. */
  at: Instant.optional(),
});
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

export const LeadEventsQuerySchema = z.object({
  eventType: EventType.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
