import { createHash } from 'node:crypto';
import { deriveEventId } from '../events/id.js';
import { contactPhoneToE164 } from '../events/phone.js';
import type { CanonicalEvent, Contact, Conversation, EventType, Meeting, Person, Provider } from '../events/schema.js';
import type { NormalizeContext } from './types.js';

/** A JSON object (not an array), or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The record when it has at least one key, so empty objects are omitted rather than kept. */
export function asNonEmptyRecord(value: unknown): Record<string, unknown> | undefined {
  const record = asRecord(value);
  return record && Object.keys(record).length > 0 ? record : undefined;
}

/** Trimmed non-blank text; a finite number becomes its decimal text; anything else is dropped. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text ? text : undefined;
}

/** Null, undefined or whitespace-only text: what a source sends for "not given". */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The first key of `record` holding usable text. */
export function firstText(record: Record<string, unknown> | undefined, keys: readonly string[]): string | undefined {
  if (!record) return undefined;
  for (const key of keys) {
    const text = asText(record[key]);
    if (text !== undefined) return text;
  }
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = asText(value);
  if (text === undefined) return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A list of texts; a lone text counts as a one-element list. */
export function asTextList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(asText).filter((text): text is string => text !== undefined);
  const text = asText(value);
  return text === undefined ? undefined : [text];
}

/** The JSON objects of a list; anything else in it, or a non-list, is skipped. */
export function asRecords(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.map(asRecord).filter((record): record is Record<string, unknown> => record !== undefined);
}

/** The provider's discriminator verbatim, as `source.action`. */
export function actionOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/**
 * A spelling-independent key for an action name: "Meeting.scheduled", "meeting scheduled",
 * "MEETING_SCHEDULED" and "meetingScheduled" all become "meeting_scheduled".
 */
export function actionKey(action: string): string {
  return action
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const FOUR_DIGIT_YEAR = /^\d{4}-/;

/** ISO 8601 UTC with milliseconds, or undefined for anything that is not a representable time. */
export function toIsoUtc(value: unknown): string | undefined {
  const input = typeof value === 'number' ? value : asText(value);
  if (input === undefined) return undefined;
  const date = new Date(input);
  if (Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString();
  // Years outside 0000–9999 serialize as ±YYYYYY, which the canonical schema rejects.
  return FOUR_DIGIT_YEAR.test(iso) ? iso : undefined;
}

export function minutesBetween(startIso: string | undefined, endIso: string | undefined): number | undefined {
  if (!startIso || !endIso) return undefined;
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000);
}

export function addMinutes(startIso: string | undefined, minutes: number | undefined): string | undefined {
  if (!startIso || minutes === undefined) return undefined;
  return toIsoUtc(Date.parse(startIso) + minutes * 60_000);
}

/** A copy without undefined values, so absent fields are omitted rather than present-but-empty. */
export function withoutUndefined<T extends object>(object: T): T {
  // A plain loop: this runs several times per webhook on the ingest hot path.
  const defined: Record<string, unknown> = {};
  for (const key in object) {
    const value = object[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined as T;
}

/** The object, or undefined when every field is undefined. */
export function unlessEmpty<T extends object>(object: T): T | undefined {
  const defined = withoutUndefined(object);
  return Object.keys(defined).length > 0 ? defined : undefined;
}

interface Names {
  fullName?: string;
  firstName?: string;
  lastName?: string;
}

/** "John Doe" → John / Doe; everything after the first word is the last name. */
function splitFullName(fullName: string): { firstName: string; lastName?: string } {
  const [firstName, ...rest] = fullName.split(/\s+/);
  return { firstName, lastName: rest.length > 0 ? rest.join(' ') : undefined };
}

function remainderAfter(fullName: string, prefix: string): string | undefined {
  return fullName.startsWith(`${prefix} `) ? asText(fullName.slice(prefix.length)) : undefined;
}

function remainderBefore(fullName: string, suffix: string): string | undefined {
  return fullName.endsWith(` ${suffix}`) ? asText(fullName.slice(0, -suffix.length)) : undefined;
}

/** Full, first and last name filled from whichever of them the source gave. */
export function completeNames(given: { fullName?: unknown; firstName?: unknown; lastName?: unknown }): Names {
  const firstName = asText(given.firstName);
  const lastName = asText(given.lastName);
  const fullName = asText(given.fullName);
  if (!fullName) {
    const joined = [firstName, lastName].filter(Boolean).join(' ');
    return withoutUndefined({ fullName: joined || undefined, firstName, lastName });
  }
  if (firstName && lastName) return { fullName, firstName, lastName };
  const split = splitFullName(fullName);
  return withoutUndefined({
    fullName,
    firstName: firstName ?? (lastName ? remainderBefore(fullName, lastName) : split.firstName),
    lastName: lastName ?? (firstName ? remainderAfter(fullName, firstName) : split.lastName),
  });
}

export interface PersonFields {
  id?: unknown;
  email?: unknown;
  fullName?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  timeZone?: unknown;
  status?: unknown;
}

export function personFrom(fields: PersonFields): Person {
  return withoutUndefined({
    id: asText(fields.id),
    email: asText(fields.email),
    ...completeNames(fields),
    timeZone: asText(fields.timeZone),
    status: asText(fields.status),
  });
}

export interface ContactFields {
  email?: unknown;
  phone?: unknown;
  whatsappId?: unknown;
  fullName?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  timeZone?: unknown;
  /** ISO 3166 alpha-2 country, used only as a hint for a national phone number. */
  country?: unknown;
  metadata?: unknown;
}

export function contactFrom(fields: ContactFields, context: NormalizeContext): Contact {
  const phoneRaw = asText(fields.phone);
  const whatsappId = asText(fields.whatsappId);
  const timeZone = asText(fields.timeZone);
  const phoneE164 = contactPhoneToE164(phoneRaw, {
    whatsappId,
    timeZone,
    country: asText(fields.country),
    defaultRegion: context.defaultPhoneRegion,
  });
  return withoutUndefined({
    email: asText(fields.email),
    phoneE164,
    phoneRaw,
    whatsappId,
    ...completeNames(fields),
    timeZone,
    metadata: asNonEmptyRecord(fields.metadata),
  });
}

export function contactAsPerson(contact: Contact): Person {
  return withoutUndefined({
    email: contact.email,
    fullName: contact.fullName,
    firstName: contact.firstName,
    lastName: contact.lastName,
    timeZone: contact.timeZone,
  });
}

/** Identity for a payload that carries none of its own: the same body re-sent gets the same id. */
export function payloadDigest(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload) ?? '').digest('base64url');
}

export interface EventParts {
  provider: Provider;
  action: string;
  type: EventType;
  identity: unknown[];
  occurredAt?: string;
  contact: Contact;
  meeting?: Meeting;
  conversation?: Conversation;
  payload: Record<string, unknown>;
}

export function canonicalEvent(parts: EventParts, context: NormalizeContext): CanonicalEvent {
  return withoutUndefined({
    id: deriveEventId(context.organizationId, parts.provider, parts.identity),
    type: parts.type,
    occurredAt: parts.occurredAt ?? context.receivedAt,
    receivedAt: context.receivedAt,
    organizationId: context.organizationId,
    source: { provider: parts.provider, action: parts.action },
    contact: parts.contact,
    meeting: parts.meeting,
    conversation: parts.conversation,
    raw: parts.payload,
  });
}
