import path from 'node:path';
import { AppendLog, type LogPosition } from './append-log.js';
import { DueQueue } from './due-queue.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  Decision,
  DeliveryQuery,
  DeliveryRecord,
  DeliveryStatus,
  OutboxRepo,
} from '../types.js';

type OutboxLine =
  | ({ op: 'decide'; at: string } & Decision)
  | ({ op: 'attempt'; status: DeliveryStatus; retryIndex: number } & AttemptRecord)
  | { op: 'cancel'; ids: string[]; at: string }
  | { op: 'replay'; ids: string[]; at: string };

interface Entry {
  record: DeliveryRecord;
  /** Where the body is: the decision line and the delivery's index in it. */
  decision: LogPosition;
  index: number;
  /** Kept in memory only while the delivery still has to be sent. */
  body?: string;
  attempts: LogPosition[];
  claimed: boolean;
}

const isDue = (entry: Entry) => entry.record.status === 'pending' && !entry.claimed;

/**
 * The outbox as an append-only log of decisions, attempts, cancellations and replays, replayed
 * into memory at start. A decision line is both the event's "processed" mark and its delivery
 * rows, so the two can never disagree after a crash.
 */
export class FileOutboxRepo implements OutboxRepo {
  private readonly decided = new Set<string>();
  private readonly onceKeys = new Set<string>();
  private readonly entries = new Map<string, Entry>();
  private readonly byOrganization = new Map<number, string[]>();
  private readonly due = new DueQueue();
  private log!: AppendLog;

  private constructor(private readonly now: () => Date) {}

  static async open(dataDir: string, now: () => Date): Promise<FileOutboxRepo> {
    const repo = new FileOutboxRepo(now);
    repo.log = await AppendLog.open(path.join(dataDir, 'outbox.jsonl'), (line, position) => {
      let parsed: OutboxLine;
      try {
        parsed = JSON.parse(line.toString('utf8')) as OutboxLine;
      } catch {
        return;
      }
      repo.apply(parsed, position);
    });
    for (const [id, entry] of repo.entries) {
      if (entry.record.status === 'pending') repo.due.push(Date.parse(entry.record.nextAttemptAt!), id);
      else delete entry.body;
    }
    return repo;
  }

  private apply(line: OutboxLine, position: LogPosition): void {
    switch (line.op) {
      case 'decide':
        if (this.decided.has(line.eventId)) return;
        this.decided.add(line.eventId);
        for (const key of line.onceKeys) this.onceKeys.add(key);
        line.deliveries.forEach((delivery, index) => {
          const { body, ...fields } = delivery;
          const record: DeliveryRecord = {
            ...fields,
            status: 'pending',
            attempts: 0,
            retryIndex: 0,
            nextAttemptAt: delivery.createdAt,
            lastAttemptAt: null,
            lastStatusCode: null,
            lastError: null,
            updatedAt: line.at,
          };
          this.entries.set(delivery.id, { record, decision: position, index, body, attempts: [], claimed: false });
          let ids = this.byOrganization.get(delivery.organizationId);
          if (!ids) this.byOrganization.set(delivery.organizationId, (ids = []));
          ids.push(delivery.id);
        });
        break;
      case 'attempt': {
        const entry = this.entries.get(line.deliveryId);
        if (!entry) return;
        Object.assign(entry.record, {
          // A cancellation made while this attempt was in flight stands.
          status: entry.record.status === 'canceled' ? 'canceled' : line.status,
          attempts: line.attempt,
          retryIndex: line.retryIndex,
          nextAttemptAt: line.nextAttemptAt,
          lastAttemptAt: line.at,
          lastStatusCode: line.statusCode,
          lastError: line.error,
          updatedAt: line.at,
        });
        entry.attempts.push(position);
        break;
      }
      case 'cancel':
        for (const id of line.ids) {
          const entry = this.entries.get(id);
          if (entry?.record.status !== 'pending') continue;
          Object.assign(entry.record, { status: 'canceled', nextAttemptAt: null, updatedAt: line.at });
        }
        break;
      case 'replay':
        for (const id of line.ids) {
          const entry = this.entries.get(id);
          if (!entry) continue;
          Object.assign(entry.record, { status: 'pending', retryIndex: 0, nextAttemptAt: line.at, updatedAt: line.at });
        }
        break;
    }
  }

  private async write(line: OutboxLine): Promise<LogPosition> {
    const [position] = await this.log.append([JSON.stringify(line)]);
    return position;
  }

  async decide(decision: Decision): Promise<void> {
    if (this.decided.has(decision.eventId)) return;
    const line: OutboxLine = { op: 'decide', at: this.now().toISOString(), ...decision };
    const position = await this.write(line);
    if (this.decided.has(decision.eventId)) return;
    this.apply(line, position);
    for (const delivery of decision.deliveries) this.due.push(Date.parse(delivery.createdAt), delivery.id);
  }

  isDecided(eventId: string): boolean {
    return this.decided.has(eventId);
  }

  hasOnceKey(key: string): boolean {
    return this.onceKeys.has(key);
  }

  async claimDue(now: Date, limit: number): Promise<ClaimedDelivery[]> {
    const claimed: ClaimedDelivery[] = [];
    const nowMs = now.getTime();
    while (claimed.length < limit) {
      const next = this.due.peek();
      if (!next || next.at > nowMs) break;
      this.due.pop();
      const entry = this.entries.get(next.id);
      if (!entry || !isDue(entry) || Date.parse(entry.record.nextAttemptAt!) !== next.at) continue;
      entry.claimed = true;
      claimed.push({ ...entry.record, body: entry.body ?? (await this.readBody(entry)) });
    }
    return claimed;
  }

  nextDueAt(): number | undefined {
    for (let next = this.due.peek(); next; next = this.due.peek()) {
      const entry = this.entries.get(next.id);
      if (entry && isDue(entry) && Date.parse(entry.record.nextAttemptAt!) === next.at) return next.at;
      this.due.pop();
    }
    return undefined;
  }

  async recordAttempt(attempt: AttemptRecord, nextStatus: DeliveryStatus, retryIndex: number): Promise<DeliveryRecord> {
    const entry = this.entries.get(attempt.deliveryId);
    if (!entry) throw new Error(`delivery ${attempt.deliveryId} does not exist`);
    const line: OutboxLine = { op: 'attempt', ...attempt, status: nextStatus, retryIndex };
    const position = await this.write(line);
    this.apply(line, position);
    entry.claimed = false;
    if (entry.record.status === 'pending') this.due.push(Date.parse(entry.record.nextAttemptAt!), attempt.deliveryId);
    else delete entry.body;
    return { ...entry.record };
  }

  async cancelForRule(organizationId: number, ruleId: string, now: Date): Promise<number> {
    const ids = [...this.entries.values()]
      .filter(({ record }) => record.organizationId === organizationId && record.ruleId === ruleId && record.status === 'pending')
      .map((entry) => entry.record.id);
    if (!ids.length) return 0;
    const line: OutboxLine = { op: 'cancel', ids, at: now.toISOString() };
    this.apply(line, await this.write(line));
    return ids.length;
  }

  async replay(ids: string[], now: Date): Promise<DeliveryRecord[]> {
    const chosen = ids.map((id) => this.entries.get(id)).filter((entry): entry is Entry => !!entry && !isDue(entry) && !entry.claimed);
    if (!chosen.length) return [];
    const line: OutboxLine = { op: 'replay', ids: chosen.map((entry) => entry.record.id), at: now.toISOString() };
    this.apply(line, await this.write(line));
    for (const entry of chosen) {
      entry.body ??= await this.readBody(entry);
      this.due.push(now.getTime(), entry.record.id);
    }
    return chosen.map((entry) => ({ ...entry.record }));
  }

  async get(organizationId: number, id: string) {
    const entry = this.entries.get(id);
    if (!entry || entry.record.organizationId !== organizationId) return undefined;
    const attempts = await Promise.all(
      entry.attempts.map(async (position) => {
        const { op: _op, status: _status, retryIndex: _retryIndex, ...attempt } = JSON.parse(await this.log.read(position)) as Extract<OutboxLine, { op: 'attempt' }>;
        return attempt as AttemptRecord;
      }),
    );
    return { delivery: { ...entry.record }, body: entry.body ?? (await this.readBody(entry)), attempts };
  }

  async list(organizationId: number, query: DeliveryQuery): Promise<DeliveryRecord[]> {
    const ids = this.byOrganization.get(organizationId) ?? [];
    const found: DeliveryRecord[] = [];
    for (let i = ids.length - 1; i >= 0 && found.length < query.limit; i--) {
      const { record } = this.entries.get(ids[i])!;
      if (query.status && record.status !== query.status) continue;
      if (query.ruleId && record.ruleId !== query.ruleId) continue;
      if (query.eventId && record.eventId !== query.eventId) continue;
      found.push({ ...record });
    }
    return found;
  }

  select(organizationId: number, status: DeliveryStatus, since?: Date): string[] {
    const sinceMs = since?.getTime() ?? -Infinity;
    return (this.byOrganization.get(organizationId) ?? []).filter((id) => {
      const { record } = this.entries.get(id)!;
      return record.status === status && Date.parse(record.createdAt) >= sinceMs;
    });
  }

  private async readBody(entry: Entry): Promise<string> {
    const line = JSON.parse(await this.log.read(entry.decision)) as Extract<OutboxLine, { op: 'decide' }>;
    return line.deliveries[entry.index].body;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
