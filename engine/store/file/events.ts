import path from 'node:path';
import { AppendLog, type LogPosition } from './append-log.js';
import type { EventQuery, EventRef, EventRepo } from '../types.js';
import { EVENT_TYPES, type CanonicalEvent } from '../../events/schema.js';

// One shared string per type, so the index does not keep a slice of every line it read.
const TYPE_NAMES = new Map<string, string>(EVENT_TYPES.map((type) => [type, type]));

interface IndexEntry {
  organizationId: number;
  type: string;
  position: LogPosition;
  /** Set while the append is in flight, so a concurrent duplicate waits for durability too. */
  pending?: Promise<unknown>;
}

// Events are written with these keys first, so start-up reads them without parsing whole lines.
const HEAD = /^\{"id":"((?:[^"\\]|\\.)*)","type":"([^"]*)","organizationId":(\d+)/;
const HEAD_BYTES = 256;

function serialize(event: CanonicalEvent): string {
  const { id, type, organizationId, ...rest } = event;
  return JSON.stringify({ id, type, organizationId, ...rest });
}

/**
 * Canonical events in an append-only JSON Lines file, with an in-memory index (id → position)
 * rebuilt at start. History is never rewritten, so a write costs the same at 100 or 1M events.
 */
export class FileEventRepo implements EventRepo {
  private readonly index = new Map<string, IndexEntry>();
  /** Per organization, event ids in the order they were stored (oldest first). */
  private readonly order = new Map<number, string[]>();
  private log!: AppendLog;

  static async open(dataDir: string): Promise<FileEventRepo> {
    const repo = new FileEventRepo();
    repo.log = await AppendLog.open(path.join(dataDir, 'events.jsonl'), (line, position) => repo.load(line, position));
    return repo;
  }

  private load(line: Buffer, position: LogPosition): void {
    let id: string, type: string, organizationId: number;
    const head = HEAD.exec(line.toString('utf8', 0, Math.min(line.length, HEAD_BYTES)));
    if (head) {
      [id, type, organizationId] = [JSON.parse(`"${head[1]}"`) as string, TYPE_NAMES.get(head[2]) ?? head[2], Number(head[3])];
    } else {
      try {
        ({ id, type, organizationId } = JSON.parse(line.toString('utf8')) as CanonicalEvent);
      } catch {
        return; // not an event line: skipped rather than blocking start-up
      }
    }
    if (this.index.has(id)) return;
    this.remember(id, { organizationId, type, position, pending: undefined });
  }

  private remember(id: string, entry: IndexEntry): void {
    this.index.set(id, entry);
    let ids = this.order.get(entry.organizationId);
    if (!ids) this.order.set(entry.organizationId, (ids = []));
    ids.push(id);
  }

  async append(event: CanonicalEvent): Promise<{ duplicate: boolean }> {
    const existing = this.index.get(event.id);
    if (existing) {
      await existing.pending;
      return { duplicate: true };
    }
    const entry: IndexEntry = { organizationId: event.organizationId, type: event.type, position: { offset: 0, length: 0 }, pending: undefined };
    const written = this.log.append([serialize(event)]);
    entry.pending = written;
    this.remember(event.id, entry);
    try {
      [entry.position] = await written;
    } catch (error) {
      this.forget(event.id);
      throw error;
    } finally {
      entry.pending = undefined;
    }
    return { duplicate: false };
  }

  private forget(id: string): void {
    const entry = this.index.get(id);
    if (!entry) return;
    this.index.delete(id);
    const ids = this.order.get(entry.organizationId);
    const at = ids?.lastIndexOf(id) ?? -1;
    if (ids && at >= 0) ids.splice(at, 1);
  }

  async get(organizationId: number, id: string): Promise<CanonicalEvent | undefined> {
    const entry = this.index.get(id);
    if (!entry || entry.organizationId !== organizationId) return undefined;
    await entry.pending;
    return JSON.parse(await this.log.read(entry.position)) as CanonicalEvent;
  }

  async list(organizationId: number, query: EventQuery): Promise<CanonicalEvent[]> {
    const ids = this.order.get(organizationId) ?? [];
    let from = ids.length - 1;
    if (query.before) {
      const at = ids.lastIndexOf(query.before);
      // An unknown cursor ends the paging rather than starting it over.
      from = at - 1;
    }
    const chosen: IndexEntry[] = [];
    for (let i = from; i >= 0 && chosen.length < query.limit; i--) {
      const entry = this.index.get(ids[i])!;
      if (entry.pending) continue;
      if (!query.type || entry.type === query.type) chosen.push(entry);
    }
    return Promise.all(chosen.map(async (entry) => JSON.parse(await this.log.read(entry.position)) as CanonicalEvent));
  }

  /** The stored events whose id passes the predicate, in storage order. */
  where(isWanted: (id: string) => boolean): EventRef[] {
    const wanted = [...this.index].filter(([id, entry]) => !entry.pending && isWanted(id));
    wanted.sort(([, a], [, b]) => a.position.offset - b.position.offset);
    return wanted.map(([id, entry]) => ({ id, organizationId: entry.organizationId }));
  }

  count(): number {
    return this.index.size;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
