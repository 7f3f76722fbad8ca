import type { CanonicalEvent, EventType, Provider } from '../events/schema.js';
import type { Rule } from '../rules/schema.js';

export interface OrganizationSettings {
  /** Receives every event of the organization (a catch-all rule). */
  webhookUrl: string | null;
  /** Signs deliveries to `webhookUrl`; created with the first delivery. */
  webhookSecret?: string;
  /** How the lead-events API authenticates this organization's calls. */
  inboundAuth: 'apiKey' | 'hmac';
}

export interface Organization {
  id: number;
  name: string;
  createdAt: string;
  settings: OrganizationSettings;
}

export interface ApiKeyRecord {
  id: string;
  organizationId: number;
  name: string;
  /** sha256 of the key; the key itself is shown once and never stored. */
  hash: string;
  /** The first characters of the key, so a user can tell keys apart. */
  prefix: string;
  createdAt: string;
}

export interface SourceRecord {
  organizationId: number;
  provider: Provider;
  /** The secret path segment of the inbound URL. */
  token: string;
  /** Optional shared secret the platform sends with each webhook (Orufy's "Secret Token"). */
  secret: string | null;
  createdAt: string;
  rotatedAt: string | null;
}

export interface OrganizationRepo {
  create(name: string): Promise<Organization>;
  get(id: number): Promise<Organization | undefined>;
  list(): Promise<Organization[]>;
  updateSettings(id: number, patch: Partial<OrganizationSettings>): Promise<Organization>;
}

export interface ApiKeyRepo {
  add(record: ApiKeyRecord): Promise<void>;
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  list(organizationId: number): Promise<ApiKeyRecord[]>;
  remove(organizationId: number, id: string): Promise<boolean>;
}

export interface SourceRepo {
  /** The organization's source for each provider, created on first use. */
  ensure(organizationId: number, provider: Provider, token: () => string): Promise<SourceRecord>;
  findByToken(provider: Provider, token: string): Promise<SourceRecord | undefined>;
  list(organizationId: number): Promise<SourceRecord[]>;
  update(
    organizationId: number,
    provider: Provider,
    patch: Partial<Pick<SourceRecord, 'token' | 'secret' | 'rotatedAt'>>,
  ): Promise<SourceRecord>;
}

export interface EventQuery {
  type?: EventType;
  limit: number;
  /** Only events received before this id (for paging newest-first). */
  before?: string;
}

export interface EventRef {
  id: string;
  organizationId: number;
}

export interface EventRepo {
  /** Stores the event durably; `duplicate` when an event with its id was stored already. */
  append(event: CanonicalEvent): Promise<{ duplicate: boolean }>;
  get(organizationId: number, id: string): Promise<CanonicalEvent | undefined>;
  /** The organization's events, newest first. */
  list(organizationId: number, query: EventQuery): Promise<CanonicalEvent[]>;
  count(): number;
}

export interface RuleRepo {
  /** Every stored rule of every organization (API and hook rules; file rules live in rules/). */
  list(): Promise<Rule[]>;
  put(rule: Rule): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** The signing secret kept for a rule defined outside the store (rule files), created once. */
  secretFor(ruleId: string, create: () => string): Promise<string>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead' | 'gone' | 'canceled';

export interface NewDelivery {
  /** Also the `webhook-id`: stable across retries and replays of this delivery. */
  id: string;
  organizationId: number;
  eventId: string;
  ruleId: string;
  url: string;
  /** The JSON body exactly as it is sent and signed. */
  body: string;
  createdAt: string;
}

export interface DeliveryRecord extends Omit<NewDelivery, 'body'> {
  status: DeliveryStatus;
  attempts: number;
  /** Index into the retry schedule; a replay starts it again. */
  retryIndex: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  updatedAt: string;
}

export interface ClaimedDelivery extends DeliveryRecord {
  body: string;
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  at: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The first 2 KB of the response body. */
  response: string | null;
  outcome: Exclude<DeliveryStatus, 'pending' | 'canceled'> | 'retry';
  nextAttemptAt: string | null;
  trigger: 'scheduled' | 'replay';
}

/** What the rules decided for one event: written in one step with its deliveries. */
export interface Decision {
  eventId: string;
  organizationId: number;
  deliveries: NewDelivery[];
  /** `once` keys consumed by this decision (rule + conversation or contact). */
  onceKeys: string[];
}

export interface DeliveryQuery {
  status?: DeliveryStatus;
  ruleId?: string;
  eventId?: string;
  limit: number;
}

export interface OutboxRepo {
  /** Durably records the decision and its deliveries; the event counts as processed after it. */
  decide(decision: Decision): Promise<void>;
  isDecided(eventId: string): boolean;
  hasOnceKey(key: string): boolean;
  /** Claims up to `limit` due deliveries; they are not claimed again until their attempt is recorded. */
  claimDue(now: Date, limit: number): Promise<ClaimedDelivery[]>;
  /** When the next pending delivery falls due (ms epoch), if any is waiting. */
  nextDueAt(): number | undefined;
  recordAttempt(attempt: AttemptRecord, nextStatus: DeliveryStatus, retryIndex: number): Promise<DeliveryRecord>;
  /** Ends the organization's pending deliveries of a removed rule (rule ids such as the catch-all's repeat across organizations). */
  cancelForRule(organizationId: number, ruleId: string, now: Date): Promise<number>;
  /** Makes deliveries due again now, with a fresh retry schedule. */
  replay(ids: string[], now: Date): Promise<DeliveryRecord[]>;
  get(organizationId: number, id: string): Promise<{ delivery: DeliveryRecord; body: string; attempts: AttemptRecord[] } | undefined>;
  list(organizationId: number, query: DeliveryQuery): Promise<DeliveryRecord[]>;
  /** Ids of the organization's deliveries in a status, created at or after `since`. */
  select(organizationId: number, status: DeliveryStatus, since?: Date): string[];
}

/** One stored lead event: "this phone did event X at time T" (Setter's lead-events contract). */
export interface LeadEvent {
  organizationId: number;
  eventType: string;
  phoneE164: string;
  /** ISO 8601 UTC with milliseconds: the instant the unique key compares. */
  occurredAt: string;
  receivedAt: string;
  metadata?: Record<string, unknown>;
}

export interface NewLeadEvent {
  /** Normalized E.164. */
  phoneE164: string;
  occurredAtMs: number;
  /** The metadata already encoded as JSON (its size limit applies to this encoding). */
  metadataJson?: string;
}

export interface LeadEventRepo {
  /**
   * Stores one request's events of one type. An event whose (organization, phone, type,
   * occurredAt) is stored already, or earlier in the batch, or by a concurrent batch, is a
   * duplicate. Resolves once the new rows, and the rows they duplicate, are durable.
   */
  insertBatch(
    organizationId: number,
    eventType: string,
    receivedAt: string,
    events: NewLeadEvent[],
  ): Promise<{ inserted: number; duplicates: number }>;
  /** For each phone (E.164), whether it has an event of the type with occurredAt in [fromMs, toMs]. */
  phonesWithEvent(
    organizationId: number,
    eventType: string,
    phonesE164: string[],
    window: { fromMs: number; toMs: number },
  ): Promise<boolean[]>;
  /** A phone's events, newest occurredAt first. */
  listForPhone(organizationId: number, phoneE164: string, query: { eventType?: string; limit: number }): Promise<LeadEvent[]>;
  count(): number;
}

/** An HMAC key for inbound lead events; several may be active at once, for rotation. */
export interface SigningKeyRecord {
  id: string;
  organizationId: number;
  /** Kept because verifying a signature needs it; shown to the user only when created. */
  secret: string;
  createdAt: string;
}

export interface SigningKeyRepo {
  add(record: SigningKeyRecord): Promise<void>;
  list(organizationId: number): Promise<SigningKeyRecord[]>;
  remove(organizationId: number, id: string): Promise<boolean>;
}

/** A durable timer: fires once at `dueAt` unless re-armed or disarmed first. */
export interface InactivityTimer {
  /** The conversation it watches. */
  key: string;
  organizationId: number;
  dueAt: string;
  /** The event that armed it (the conversation's last user message). */
  eventId: string;
}

export interface TimerRepo {
  /** Arms the timer for its key, replacing one with an earlier deadline. Durable when it resolves. */
  arm(timer: InactivityTimer): Promise<void>;
  /** Ends the timer if it is still the one armed by `eventId`. */
  disarm(key: string, eventId: string): Promise<void>;
  /** Timers due at `now`, earliest first. */
  due(now: Date): InactivityTimer[];
  /** When the earliest timer falls due (ms epoch), if any is armed. */
  nextDueAt(): number | undefined;
}

export interface Store {
  organizations: OrganizationRepo;
  apiKeys: ApiKeyRepo;
  sources: SourceRepo;
  events: EventRepo;
  rules: RuleRepo;
  outbox: OutboxRepo;
  timers: TimerRepo;
  leadEvents: LeadEventRepo;
  signingKeys: SigningKeyRepo;
  /** Events stored but not yet decided (after a crash), oldest first. */
  undecidedEvents(): Promise<EventRef[]>;
  /** Flushes pending writes and releases files or connections. */
  close(): Promise<void>;
}
