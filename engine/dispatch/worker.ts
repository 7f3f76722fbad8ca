import type { Logger } from 'pino';
import type { ClaimedDelivery, Store } from '../store/index.js';
import type { RuleBook } from '../rules/book.js';
import { nextStep, type RetryPolicy } from './retry.js';
import type { Sender } from './sender.js';

export interface WorkerDeps {
  store: Store;
  rules: RuleBook;
  sender: Sender;
  policy: RetryPolicy;
  logger: Logger;
  now: () => Date;
  random: () => number;
  concurrency: number;
}

/** Longest sleep between looks at the outbox, so a missed wake-up only delays, never strands. */
const MAX_IDLE_MS = 1000;

/**
 * Claims due deliveries and sends them, at most `concurrency` at once; records every attempt and
 * schedules the next from the retry policy. Stopping finishes the attempts in flight.
 */
export function createWorker(deps: WorkerDeps) {
  const { store, rules, sender, logger, now } = deps;
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let pumping = false;
  let again = false;
  let stopped = true;

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const rule = await rules.forDelivery(delivery.organizationId, delivery.ruleId);
    if (!rule) {
      // The subscription was removed after this delivery was queued: nobody wants it now.
      await store.outbox.cancelForRule(delivery.organizationId, delivery.ruleId, now());
      return;
    }
    const at = now();
    const result = await sender.send(
      { id: delivery.id, url: delivery.url, body: delivery.body, secret: rule.destination.secret, headers: rule.destination.headers },
      at,
    );
    const step = nextStep(delivery.retryIndex, result.outcome, at.getTime(), deps.random(), deps.policy);
    const nextAttemptAt = step.status === 'retry' ? new Date(at.getTime() + step.delayMs).toISOString() : null;
    const statusCode = result.outcome.kind === 'response' ? result.outcome.status : null;
    const failure = step.status === 'failed' || step.status === 'dead' ? step.reason : null;
    await store.outbox.recordAttempt(
      {
        deliveryId: delivery.id,
        attempt: delivery.attempts + 1,
        at: at.toISOString(),
        statusCode,
        latencyMs: result.latencyMs,
        error: result.error ?? (statusCode !== null && step.status !== 'delivered' ? `HTTP ${statusCode}` : null),
        response: result.response,
        outcome: step.status,
        nextAttemptAt,
        trigger: delivery.retryIndex === 0 && delivery.attempts > 0 ? 'replay' : 'scheduled',
      },
      step.status === 'retry' ? 'pending' : step.status,
      step.status === 'retry' ? step.retryIndex : delivery.retryIndex,
    );
    if (step.status === 'gone') {
      logger.info({ ruleId: rule.id, url: delivery.url }, 'destination answered 410 Gone');
      // Two deliveries may both meet the 410; the first one removes the hook.
      if (rule.origin === 'hook' && rules.get(rule.organizationId, rule.id)) await rules.remove(rule.organizationId, rule.id);
    } else if (failure) {
      logger.warn({ deliveryId: delivery.id, ruleId: rule.id, reason: failure }, `delivery ${step.status}`);
    }
  }

  function track(job: Promise<void>): void {
    inFlight.add(job);
    job.finally(() => {
      inFlight.delete(job);
      wake();
    });
  }

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (!stopped && inFlight.size < deps.concurrency) {
          const claimed = await store.outbox.claimDue(now(), deps.concurrency - inFlight.size);
          if (!claimed.length) break;
          for (const delivery of claimed) {
            track(
              attempt(delivery).catch((error) =>
                logger.error({ err: error, deliveryId: delivery.id }, 'delivery attempt could not be recorded'),
              ),
            );
          }
        }
      } while (again && !stopped);
    } finally {
      pumping = false;
    }
    scheduleNextLook();
  }

  function scheduleNextLook(): void {
    if (stopped) return;
    clearTimeout(timer);
    const next = store.outbox.nextDueAt();
    const wait = next === undefined ? MAX_IDLE_MS : Math.min(MAX_IDLE_MS, Math.max(0, next - now().getTime()));
    timer = setTimeout(() => void pump(), wait);
    timer.unref();
  }

  function wake(): void {
    if (!stopped) void pump();
  }

  return {
    start(): void {
      stopped = false;
      wake();
    },
    wake,
    /** Stops claiming; resolves when the attempts in flight are recorded. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      await sender.close();
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
