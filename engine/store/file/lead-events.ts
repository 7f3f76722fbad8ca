import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppendLog } from './append-log.js';
import type { LeadEvent, LeadEventRepo, NewLeadEvent } from '../types.js';

/** Index and format this many events between yields, so a 50,000-event batch never stalls the loop. */
const CHUNK = 5_000;

/** One slot per stored event in parallel typed arrays: no object per row for the GC to trace. */
class RowTable {
  occurredAt = new Float64Array(1 << 16);
  offset = new Float64Array(1 << 16);
  length = new Uint32Array(1 << 16);
  /** The in-flight batch that reserved the row; 0 once the row is durable. */
  batch = new Uint32Array(1 << 16);
  /** The previous row of the same (group, phone), or -1: each phone's rows form a chain. */
  next = new Int32Array(1 << 16);
  size = 0;

  add(occurredAt: number, batch: number, next: number): number {
    if (this.size === this.occurredAt.length) this.grow();
    const row = this.size++;
    this.occurredAt[row] = occurredAt;
    this.batch[row] = batch;
    this.next[row] = next;
    return row;
  }

  private grow(): void {
    const grown = <T extends Float64Array | Uint32Array | Int32Array>(array: T): T => {
      const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
      larger.set(array);
      return larger;
    };
    this.occurredAt = grown(this.occurredAt);
    this.offset = grown(this.offset);
    this.length = grown(this.length);
    this.batch = grown(this.batch);
    this.next = grown(this.next);
  }
}

/**
 * (group, phone) → the newest row of that phone in that group, as an open-addressing hash table
 * (linear probing, at most half full) in typed arrays. A V8 Map of 1M phones holds 1M entries and
 * boxed number keys that every full GC marks again; with it, the collector was the largest cost
 * of a batch.
 */
class PhoneIndex {
  /** The phone's E.164 digits as a number (at most 15 digits, so exact); 0 marks a free slot. */
  private phones = new Float64Array(1 << 16);
  private groups = new Uint32Array(1 << 16);
  private heads = new Int32Array(1 << 16);
  private used = 0;

  /** The newest row of the phone in the group, or -1. */
  head(group: number, phone: number): number {
    const slot = this.slot(group, phone);
    return this.phones[slot] === 0 ? -1 : this.heads[slot];
  }

  setHead(group: number, phone: number, row: number): void {
    let slot = this.slot(group, phone);
    if (this.phones[slot] === 0) {
      if ((this.used + 1) * 2 > this.phones.length) {
        this.grow();
        slot = this.slot(group, phone);
      }
      this.phones[slot] = phone;
      this.groups[slot] = group;
      this.used++;
    }
    this.heads[slot] = row;
  }

  private slot(group: number, phone: number): number {
    const mask = this.phones.length - 1;
    let hash = Math.imul((phone % 0x1_0000_0000) ^ Math.imul(Math.floor(phone / 0x1_0000_0000), 0x85ebca6b) ^ Math.imul(group, 0xc2b2ae35), 0x27d4eb2d);
    hash ^= hash >>> 15;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      if (this.phones[slot] === 0 || (this.phones[slot] === phone && this.groups[slot] === group)) return slot;
    }
  }

  private grow(): void {
    const [phones, groups, heads] = [this.phones, this.groups, this.heads];
    this.phones = new Float64Array(phones.length * 2);
    this.groups = new Uint32Array(phones.length * 2);
    this.heads = new Int32Array(phones.length * 2);
    for (let old = 0; old < phones.length; old++) {
      if (phones[old] === 0) continue;
      const slot = this.slot(groups[old], phones[old]);
      this.phones[slot] = phones[old];
      this.groups[slot] = groups[old];
      this.heads[slot] = heads[old];
    }
  }
}

/** One (organization, event type). */
interface LeadEventGroup {
  id: number;
  organizationId: number;
  eventType: string;
}

const phoneKey = (phoneE164: string): number => Number(phoneE164.slice(1));
const NON_ASCII = /[^\x00-\x7f]/;

const DAY_MS = 86_400_000;
const pad = (width: number) => Array.from({ length: 10 ** width }, (_, n) => String(n).padStart(width, '0'));
const [TWO_DIGITS, THREE_DIGITS] = [pad(2), pad(3)];

/**
 * `Date#toISOString` without a Date per row (it was the largest cost of formatting a batch):
 * the date part is cached, since a batch's events mostly share a few days.
 */
function isoFormatter(): (ms: number) => string {
  let cachedDay = Number.NaN;
  let datePart = '';
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    if (day !== cachedDay) {
      const iso = new Date(day * DAY_MS).toISOString();
      datePart = iso.slice(0, iso.indexOf('T') + 1);
      cachedDay = day;
    }
    const time = ms - day * DAY_MS;
    const seconds = Math.floor(time / 1000);
    return `${datePart}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}.${THREE_DIGITS[time % 1000]}Z`;
  };
}

/**
 * The line format of `lead-events.jsonl`. The indexed fields come first in this order, so start-up
 * reads them with one regular expression instead of parsing 1M lines as JSON.
 */
export function leadEventLineFormatter(organizationId: number, eventType: string, receivedAt: string): (event: NewLeadEvent) => string {
  const head = `{"organizationId":${organizationId},"eventType":${JSON.stringify(eventType)},"phoneE164":"`;
  const tail = `","receivedAt":${JSON.stringify(receivedAt)}`;
  const iso = isoFormatter();
  return (event) =>
    `${head}${event.phoneE164}","occurredAt":"${iso(event.occurredAtMs)}${tail}${
      event.metadataJson === undefined ? '' : `,"metadata":${event.metadataJson}`
    }}`;
}

/** Enough bytes for the head even with a 128-character, fully escaped eventType. */
const HEAD_BYTES = 1024;
const HEAD = /^\{"organizationId":(\d+),"eventType":"((?:[^"\\]|\\.)*)","phoneE164":"\+(\d{1,15})","occurredAt":"([^"]+)"/;

/**
 * Lead events in an append-only JSON Lines file (`lead-events.jsonl`) with a compact in-memory
 * index rebuilt at start: (organization, event type, phone) → a chain of rows; per row, occurredAt
 * and the line's position. Metadata stays on disk. A batch is reserved in the index synchronously,
 * chunk by chunk, then written as one group-committed append.
 */
export class FileLeadEventRepo implements LeadEventRepo {
  private readonly rows = new RowTable();
  private readonly index = new PhoneIndex();
  private readonly groups = new Map<string, LeadEventGroup>();
  private readonly groupsOfOrganization = new Map<number, LeadEventGroup[]>();
  /** Durability of each batch still being written, by batch number. */
  private readonly inFlight = new Map<number, Promise<void>>();
  private nextBatch = 1;
  private live = 0;
  private log!: AppendLog;

  static async open(dataDir: string): Promise<FileLeadEventRepo> {
    const repo = new FileLeadEventRepo();
    let lastKey = '';
    let lastGroup = 0;
    repo.log = await AppendLog.open(path.join(dataDir, 'lead-events.jsonl'), (line, position) => {
      const head = HEAD.exec(line.toString('utf8', 0, Math.min(line.length, HEAD_BYTES)));
      if (!head) return; // not a lead-event line: skipped rather than blocking start-up
      const occurredAt = Date.parse(head[4]);
      if (Number.isNaN(occurredAt)) return;
      // Lines of one batch share organization and type: skip the group lookup for them.
      const key = `${head[1]}\u0000${head[2]}`;
      if (key !== lastKey) {
        const eventType = head[2].includes('\\') ? (JSON.parse(`"${head[2]}"`) as string) : head[2];
        lastGroup = repo.group(Number(head[1]), eventType).id;
        lastKey = key;
      }
      const phone = Number(head[3]);
      if (repo.find(lastGroup, phone, occurredAt) >= 0) return;
      const row = repo.link(lastGroup, phone, occurredAt, 0);
      repo.rows.offset[row] = position.offset;
      repo.rows.length[row] = position.length;
    });
    return repo;
  }

  private group(organizationId: number, eventType: string): LeadEventGroup {
    const key = `${organizationId}\u0000${eventType}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { id: this.groups.size + 1, organizationId, eventType };
      this.groups.set(key, group);
      const groups = this.groupsOfOrganization.get(organizationId);
      if (groups) groups.push(group);
      else this.groupsOfOrganization.set(organizationId, [group]);
    }
    return group;
  }

  /** The row holding this exact key, or -1. */
  private find(group: number, phone: number, occurredAt: number): number {
    for (let row = this.index.head(group, phone); row !== -1; row = this.rows.next[row]) {
      if (this.rows.occurredAt[row] === occurredAt) return row;
    }
    return -1;
  }

  private link(group: number, phone: number, occurredAt: number, batch: number): number {
    const row = this.rows.add(occurredAt, batch, this.index.head(group, phone));
    this.index.setHead(group, phone, row);
    this.live++;
    return row;
  }

  private unlink(group: number, phone: number, row: number): void {
    const head = this.index.head(group, phone);
    if (head === row) this.index.setHead(group, phone, this.rows.next[row]);
    else {
      let previous = head;
      while (previous !== -1 && this.rows.next[previous] !== row) previous = this.rows.next[previous];
      if (previous !== -1) this.rows.next[previous] = this.rows.next[row];
    }
    this.rows.occurredAt[row] = Number.NaN;
    this.rows.batch[row] = 0;
    this.live--;
  }

  async insertBatch(
    organizationId: number,
    eventType: string,
    receivedAt: string,
    events: NewLeadEvent[],
  ): Promise<{ inserted: number; duplicates: number }> {
    const group = this.group(organizationId, eventType).id;
    const format = leadEventLineFormatter(organizationId, eventType, receivedAt);
    const batch = this.nextBatch++;
    let settle!: (error?: Error) => void;
    const durable = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    durable.catch(() => {}); // awaited only by batches that collide with this one
    this.inFlight.set(batch, durable);

    const reserved: number[] = [];
    const reservedPhones: number[] = [];
    /** Each chunk's new lines, joined as soon as the chunk is done so the line strings die young. */
    const chunks: string[] = [];
    /** Bytes of the block so far: each new row's offset within it. */
    let cursor = 0;
    const asciiHead = !NON_ASCII.test(eventType) && !NON_ASCII.test(receivedAt);
    const collided = new Set<Promise<void>>();
    let duplicates = 0;
    try {
      for (let start = 0; start < events.length; start += CHUNK) {
        if (start > 0) await yieldToEventLoop();
        const lines: string[] = [];
        for (let i = start; i < Math.min(events.length, start + CHUNK); i++) {
          const event = events[i];
          const phone = phoneKey(event.phoneE164);
          const existing = this.find(group, phone, event.occurredAtMs);
          if (existing >= 0) {
            duplicates++;
            const owner = this.rows.batch[existing];
            if (owner !== 0 && owner !== batch) collided.add(this.inFlight.get(owner)!);
            continue;
          }
          const row = this.link(group, phone, event.occurredAtMs, batch);
          reserved.push(row);
          reservedPhones.push(phone);
          const line = format(event);
          const ascii = asciiHead && (event.metadataJson === undefined || !NON_ASCII.test(event.metadataJson));
          const bytes = ascii ? line.length : Buffer.byteLength(line);
          this.rows.offset[row] = cursor;
          this.rows.length[row] = bytes;
          cursor += bytes + 1;
          lines.push(line);
        }
        if (lines.length) chunks.push(lines.join('\n'));
      }
      // One append, so one write and one fdatasync for the batch. It is handed one block of lines
      // rather than 50,000 strings: the log encodes what it is given in a single step, and per-line
      // strings made that step ~100 ms.
      if (chunks.length) {
        const [block] = await this.log.append([chunks.join('\n')]);
        for (const row of reserved) this.rows.offset[row] += block.offset;
      }
      for (const row of reserved) this.rows.batch[row] = 0;
      settle();
    } catch (error) {
      for (let i = reserved.length - 1; i >= 0; i--) this.unlink(group, reservedPhones[i], reserved[i]);
      settle(error as Error);
      throw error;
    } finally {
      this.inFlight.delete(batch);
    }
    // A duplicate of a row another request is still writing is acknowledged only once it is durable.
    await Promise.all(collided);
    return { inserted: reserved.length, duplicates };
  }

  async phonesWithEvent(
    organizationId: number,
    eventType: string,
    phonesE164: string[],
    window: { fromMs: number; toMs: number },
  ): Promise<boolean[]> {
    const group = this.groups.get(`${organizationId}\u0000${eventType}`);
    if (!group) return phonesE164.map(() => false);
    const { occurredAt, batch, next } = this.rows;
    return phonesE164.map((phoneE164) => {
      for (let row = this.index.head(group.id, phoneKey(phoneE164)); row !== -1; row = next[row]) {
        if (batch[row] === 0 && occurredAt[row] >= window.fromMs && occurredAt[row] <= window.toMs) return true;
      }
      return false;
    });
  }

  async listForPhone(organizationId: number, phoneE164: string, query: { eventType?: string; limit: number }): Promise<LeadEvent[]> {
    const phone = phoneKey(phoneE164);
    const rows: number[] = [];
    for (const group of this.groupsOfOrganization.get(organizationId) ?? []) {
      if (query.eventType !== undefined && group.eventType !== query.eventType) continue;
      for (let row = this.index.head(group.id, phone); row !== -1; row = this.rows.next[row]) {
        if (this.rows.batch[row] === 0) rows.push(row);
      }
    }
    const chosen = rows.sort((a, b) => this.rows.occurredAt[b] - this.rows.occurredAt[a]).slice(0, query.limit);
    return Promise.all(
      chosen.map(async (row) => {
        const line = await this.log.read({ offset: this.rows.offset[row], length: this.rows.length[row] });
        return JSON.parse(line) as LeadEvent;
      }),
    );
  }

  count(): number {
    return this.live;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
