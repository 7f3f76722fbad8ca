import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { deriveEventId } from '../events/id.js';
import type { CanonicalEvent } from '../events/schema.js';
import type { EventRef, NewDelivery, Store } from '../store/index.js';
import type { RuleBook } from '../rules/book.js';
import { evaluateRules, mapEvent, mappedOutcome, type JudgePrompts, type RuleOutcome } from '../rules/evaluate.js';
import { ExpressionError } from '../mapping/index.js';
import { ApiError } from '../http/errors.js';
import type { Rule } from '../rules/schema.js';

export interface PipelineDeps {
  store: Store;
  rules: RuleBook;
  judge?: JudgePrompts;
  logger: Logger;
  now: () => Date;
  /** Told when new deliveries are in the outbox. */
  onDeliveriesQueued: () => void;
  /** Events decided at once; the rest wait their turn. */
  concurrency?: number;
  /** Sees each event before its decision is written (durable side effects such as timers). */
  observe?: (event: CanonicalEvent) => Promise<void>;
}

const MAX_RETRY_DELAY_MS = 60_000;

/** Stable per (event, rule), so a decision re-made after a crash yields the same delivery. */
export const deliveryId = (eventId: string, ruleId: string) =>
  `msg_${createHash('sha256').update(`${eventId}\n${ruleId}`).digest('base64url').slice(0, 24)}`;

/** The `condition.matched` event a prompt rule emits; its id is stable per (rule, triggering event). */
export function conditionEvent(rule: Rule, event: CanonicalEvent, outcome: RuleOutcome, now: Date): CanonicalEvent {
  const verdict = outcome.verdict!;
  return {
    id: deriveEventId(event.organizationId, 'engine', ['condition.matched', rule.id, event.id]),
    type: 'condition.matched',
    occurredAt: event.occurredAt,
    receivedAt: now.toISOString(),
    organizationId: event.organizationId,
    source: { provider: 'engine', action: 'condition.matched' },
    contact: event.contact,
    ...(event.meeting ? { meeting: event.meeting } : {}),
    ...(event.conversation ? { conversation: event.conversation } : {}),
    condition: {
      ruleId: rule.id,
      prompt: rule.prompt!,
      matched: true,
      reason: verdict.reason,
      evaluator: verdict.evaluator,
      confidence: verdict.confidence,
      triggeredBy: event.id,
    },
    raw: { triggeredBy: { id: event.id, type: event.type, source: event.source } },
  };
}

/**
 * Decide, map, enqueue: for each stored event, runs the rules and writes the decision and its
 * deliveries to the outbox in one step. An event whose decision failed stays undecided and is
 * tried again, in process with backoff and at the next start.
 */
export function createPipeline(deps: PipelineDeps) {
  const { store, rules, logger, now } = deps;
  const limit = deps.concurrency ?? 64;
  // Recovered events wait as references, so a large backlog is read from disk one at a time.
  let waiting: Array<CanonicalEvent | EventRef> = [];
  let head = 0;
  const running = new Map<string, Promise<void>>();
  const reservedOnceKeys = new Set<string>();
  /** Failed decisions so far, per event, for the retry backoff. */
  const failures = new Map<string, number>();
  let idle: Array<() => void> = [];

  async function rulesFor(event: CanonicalEvent): Promise<{ own?: Rule; others: Rule[] }> {
    const others = await rules.applicable(event.organizationId, event.type);
    const ownId = event.type === 'condition.matched' ? event.condition?.ruleId : undefined;
    const own = ownId ? rules.get(event.organizationId, ownId) : undefined;
    return { own, others: others.filter((rule) => rule.id !== ownId) };
  }

  async function decide(item: CanonicalEvent | EventRef): Promise<void> {
    if (store.outbox.isDecided(item.id)) return;
    const event = 'type' in item ? item : await store.events.get(item.organizationId, item.id);
    if (!event) return;
    await deps.observe?.(event);
    const { own, others } = await rulesFor(event);
    const outcomes = await evaluateRules(event, others, {
      judge: deps.judge,
      isOnceKeyUsed: (key) => reservedOnceKeys.has(key) || store.outbox.hasOnceKey(key),
    });
    if (own) outcomes.push(await mappedOutcome(own, event, { ruleId: own.id, matched: true, reason: 'its condition matched' }));

    // Claimed synchronously after evaluation, so two events of one conversation cannot both fire.
    const onceKeys: string[] = [];
    for (const outcome of outcomes) {
      if (!outcome.matched || !outcome.onceKey) continue;
      if (reservedOnceKeys.has(outcome.onceKey) || store.outbox.hasOnceKey(outcome.onceKey)) {
        Object.assign(outcome, { matched: false, reason: 'already fired once for this conversation or contact' });
        continue;
      }
      reservedOnceKeys.add(outcome.onceKey);
      onceKeys.push(outcome.onceKey);
    }

    const at = now();
    const deliveries: NewDelivery[] = [];
    const emitted: CanonicalEvent[] = [];
    const byId = new Map([...others, ...(own ? [own] : [])].map((rule) => [rule.id, rule]));
    for (const outcome of outcomes) {
      const rule = byId.get(outcome.ruleId)!;
      rules.noteOutcome(rule.id, outcome, at);
      if (outcome.error) logger.warn({ ruleId: rule.id, eventId: event.id, error: outcome.error }, 'rule failed closed');
      if (!outcome.matched) continue;
      if (outcome.verdict) {
        emitted.push(conditionEvent(rule, event, outcome, at));
        continue;
      }
      deliveries.push({
        id: deliveryId(event.id, rule.id),
        organizationId: event.organizationId,
        eventId: event.id,
        ruleId: rule.id,
        url: rule.destination.url,
        body: JSON.stringify(outcome.body),
        createdAt: at.toISOString(),
      });
    }
    try {
      // The emitted events are stored before the decision that creates them, so a crash in
      // between re-creates them with the same ids instead of losing them.
      for (const condition of emitted) await store.events.append(condition);
      await store.outbox.decide({ eventId: event.id, organizationId: event.organizationId, deliveries, onceKeys });
    } finally {
      for (const key of onceKeys) reservedOnceKeys.delete(key);
    }
    if (deliveries.length) deps.onDeliveriesQueued();
    for (const condition of emitted) submit(condition);
  }

  function pump(): void {
    while (running.size < limit && head < waiting.length) {
      const event = waiting[head];
      // Released at once: a decided event must not stay reachable from the queue.
      waiting[head++] = undefined as unknown as EventRef;
      if (running.has(event.id)) continue;
      const job = decide(event)
        .then(
          () => void failures.delete(event.id),
          (error) => retryLater(event, error),
        )
        .finally(() => {
          running.delete(event.id);
          pump();
        });
      running.set(event.id, job);
    }
    if (head === waiting.length || (head > 1024 && head * 2 > waiting.length)) {
      waiting = waiting.slice(head);
      head = 0;
    }
    if (!running.size && head === waiting.length) {
      const resolved = idle;
      idle = [];
      for (const resolve of resolved) resolve();
    }
  }

  /**
   * A decision that failed (a store write, say) is tried again with backoff; one still undecided
   * when the engine stops is decided at the next start.
   */
  function retryLater(event: CanonicalEvent | EventRef, error: unknown): void {
    const attempt = (failures.get(event.id) ?? 0) + 1;
    failures.set(event.id, attempt);
    const delayMs = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (attempt - 1));
    logger.error({ err: error, eventId: event.id, attempt, retryInMs: delayMs }, 'deciding an event failed; it is retried');
    setTimeout(() => {
      waiting.push({ id: event.id, organizationId: event.organizationId });
      pump();
    }, delayMs).unref();
  }

  function submit(event: CanonicalEvent): void {
    waiting.push(event);
    pump();
  }

  /** What the rule would do with the event, sending nothing: matched or not, why, and the body. */
  async function dryRun(rule: Rule, event: CanonicalEvent): Promise<RuleOutcome> {
    const [outcome] = await evaluateRules(event, [rule], { judge: deps.judge, isOnceKeyUsed: (key) => store.outbox.hasOnceKey(key) });
    if (outcome.matched && outcome.verdict) return mappedOutcome(rule, conditionEvent(rule, event, outcome, now()), outcome);
    return outcome;
  }

  /** Queues one real, signed delivery of the event as the rule maps it (e.g. so Make learns the data structure). */
  async function sendSample(rule: Rule, event: CanonicalEvent): Promise<string> {
    const at = now();
    const sampleId = `sample_${at.getTime()}_${Math.random().toString(36).slice(2, 8)}`;
    const subject = rule.prompt
      ? conditionEvent(rule, event, { ruleId: rule.id, matched: true, reason: 'sample', verdict: { matched: true, confidence: 1, reason: 'sample delivery', evaluator: 'local' } }, at)
      : event;
    let body: unknown;
    try {
      body = await mapEvent(rule, subject);
    } catch (error) {
      if (error instanceof ExpressionError) throw new ApiError(422, 'invalid_expression', `mapping: ${error.message}`);
      throw error;
    }
    const id = deliveryId(sampleId, rule.id);
    await store.outbox.decide({
      eventId: sampleId,
      organizationId: rule.organizationId,
      deliveries: [{ id, organizationId: rule.organizationId, eventId: event.id, ruleId: rule.id, url: rule.destination.url, body: JSON.stringify(body), createdAt: at.toISOString() }],
      onceKeys: [],
    });
    deps.onDeliveriesQueued();
    return id;
  }

  return {
    submit,
    /** Events stored but not decided yet. */
    backlog: () => waiting.length - head + running.size,
    dryRun,
    sendSample,
    /** Decides the events stored before a crash or stop that were never decided. */
    async recover(): Promise<number> {
      const undecided = await store.undecidedEvents();
      for (const event of undecided) waiting.push(event);
      pump();
      return undecided.length;
    },
    /** Resolves once every submitted event is decided. */
    drain(): Promise<void> {
      if (!running.size && head === waiting.length) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;
