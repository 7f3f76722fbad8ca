import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { NewLeadEvent, Store } from '../store/index.js';
import { validationError } from '../http/errors.js';
import { authenticateLeadEvents, requireSameOrganization, type LeadEventsCredentials } from './authenticate.js';
import {
  instantOf,
  leadPhone,
  LeadEventBatchSchema,
  MAX_METADATA_BYTES,
  MAX_REJECTS_RETURNED,
  type LeadEventBatch,
} from './schema.js';

/** Rows read between yields: a batch of national numbers (the slow parse) still yields every ~50 ms. */
const CHUNK = 2_500;

/** The per-row reasons of Setter's contract (`invalid phoneE164` is its own wording). */
export type RejectReason =
  | 'event must be a JSON object'
  | 'invalid phoneE164'
  | 'invalid occurredAt'
  | 'metadata must be a JSON object'
  | 'metadata exceeds 8 KB';

export interface LeadEventReject {
  index: number;
  /** As sent, so the caller can find the row. */
  phoneE164: unknown;
  reason: RejectReason;
}

export interface IngestResult {
  status: 'accepted';
  received: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejects: LeadEventReject[];
}

export interface IngestDeps {
  store: Store;
  now: () => Date;
  defaultPhoneRegion?: string;
}

/** UTF-8 takes 1 to 3 bytes per UTF-16 unit, so most sizes are known without encoding. */
function exceedsMetadataLimit(json: string): boolean {
  if (json.length * 3 <= MAX_METADATA_BYTES) return false;
  return json.length > MAX_METADATA_BYTES || Buffer.byteLength(json) > MAX_METADATA_BYTES;
}

/** One row of the batch as a storable event, or why it is rejected. */
export function parseLeadEventRow(raw: unknown, defaultPhoneRegion?: string): NewLeadEvent | RejectReason {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 'event must be a JSON object';
  const row = raw as { phoneE164?: unknown; occurredAt?: unknown; metadata?: unknown };
  const phoneE164 = leadPhone(row.phoneE164, defaultPhoneRegion);
  if (!phoneE164) return 'invalid phoneE164';
  const occurredAtMs = instantOf(row.occurredAt);
  if (occurredAtMs === undefined) return 'invalid occurredAt';
  if (row.metadata === undefined || row.metadata === null) return { phoneE164, occurredAtMs };
  if (typeof row.metadata !== 'object' || Array.isArray(row.metadata)) return 'metadata must be a JSON object';
  const metadataJson = JSON.stringify(row.metadata);
  if (exceedsMetadataLimit(metadataJson)) return 'metadata exceeds 8 KB';
  return { phoneE164, occurredAtMs, metadataJson };
}

/**
 * Validates every row and stores the valid ones: bad rows are rejected with a reason, never the
 * whole batch; rows already stored (or repeated in the batch) count as duplicates.
 */
export async function ingestLeadEvents(deps: IngestDeps, batch: LeadEventBatch): Promise<IngestResult> {
  const accepted: NewLeadEvent[] = [];
  const rejects: LeadEventReject[] = [];
  let rejected = 0;
  for (let start = 0; start < batch.events.length; start += CHUNK) {
    // Yields before the first chunk too: the body's JSON.parse ran in this same task.
    await yieldToEventLoop();
    const end = Math.min(batch.events.length, start + CHUNK);
    for (let index = start; index < end; index++) {
      const raw = batch.events[index];
      const parsed = parseLeadEventRow(raw, deps.defaultPhoneRegion);
      if (typeof parsed !== 'string') {
        accepted.push(parsed);
        continue;
      }
      rejected++;
      if (rejects.length < MAX_REJECTS_RETURNED) {
        const phoneE164 = (raw as { phoneE164?: unknown } | null)?.phoneE164;
        rejects.push({ index, phoneE164: phoneE164 ?? null, reason: parsed });
      }
    }
  }
  const { inserted, duplicates } = accepted.length
    ? await deps.store.leadEvents.insertBatch(batch.organizationId, batch.eventType, deps.now().toISOString(), accepted)
    : { inserted: 0, duplicates: 0 };
  return { status: 'accepted', received: batch.events.length, inserted, duplicates, rejected, rejects };
}

/**
 * One call of POST /api/v1/webhooks/lead-events: credentials first (401/403), then the envelope
 * (422), then the rows.
 */
export async function receiveLeadEvents(deps: IngestDeps, call: LeadEventsCredentials & { body: unknown }): Promise<IngestResult> {
  const organization = await authenticateLeadEvents(deps.store, call);
  const batch = LeadEventBatchSchema.safeParse(call.body);
  if (!batch.success) throw validationError(batch.error, 422);
  requireSameOrganization(organization, batch.data.organizationId);
  return ingestLeadEvents(deps, batch.data);
}
