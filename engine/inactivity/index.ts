import type { Logger } from 'pino';
import { deriveEventId } from '../events/id.js';
import type { CanonicalEvent } from '../events/schema.js';
import type { InactivityTimer, Store } from '../store/index.js';

/** ISO 8601 duration (days to seconds, as config validates it) in milliseconds. */
export function durationMs(iso: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) throw new Error(`${iso} is not an ISO 8601 duration such as PT23H`);
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/** The conversation a user message belongs to; undefined when it cannot be told apart. */
export function conversationKey(event: CanonicalEvent): string | undefined {
  const who = event.conversation?.id ?? event.contact.email?.toLowerCase() ?? event.contact.phoneE164 ?? event.contact.fullName;
  if (!who) return undefined;
  return [event.organizationId, event.source.provider, event.conversation?.appName ?? '', who].join('|');
}

export interface InactivityDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  /** INACTIVITY_AFTER, e.g. PT23H. */
  after: string;
  /** Hands a new conversation.inactive event to the rest of the flow (store, then decide). */
  emit: (event: CanonicalEvent) => Promise<void>;
}

/** Longest sleep between looks, so a timer is late by at most this after a missed wake-up. */
const MAX_SLEEP_MS = 60_000;

/**
 * Computes `conversation.inactive` for conversations seen through `message.sent`: each user
 * message re-arms a durable timer; one that runs out emits the event, even after a restart (late
 * rather than never).
 */
export function createInactivityWatch(deps: InactivityDeps) {
  const { store, logger, now } = deps;
  const afterMs = durationMs(deps.after);
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  function inactiveEvent(message: CanonicalEvent, armed: InactivityTimer): CanonicalEvent {
    return {
      id: deriveEventId(message.organizationId, 'engine', ['conversation.inactive', armed.key, message.occurredAt]),
      type: 'conversation.inactive',
      occurredAt: armed.dueAt,
      receivedAt: now().toISOString(),
      organizationId: message.organizationId,
      source: { provider: 'engine', action: 'conversation.inactive' },
      contact: message.contact,
      conversation: { ...message.conversation, lastUserMessageAt: message.occurredAt, inactiveFor: deps.after },
      raw: { lastMessageEventId: message.id },
    };
  }

  async function fireDue(): Promise<void> {
    for (const armed of store.timers.due(now())) {
      try {
        const message = await store.events.get(armed.organizationId, armed.eventId);
        if (message) await deps.emit(inactiveEvent(message, armed));
        await store.timers.disarm(armed.key, armed.eventId);
      } catch (error) {
        logger.error({ err: error, key: armed.key }, 'inactivity timer could not fire; it is retried');
      }
    }
  }

  function schedule(): void {
    if (!running) return;
    clearTimeout(timer);
    const next = store.timers.nextDueAt();
    const wait = next === undefined ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - now().getTime()));
    timer = setTimeout(() => void fireDue().finally(schedule), wait);
    timer.unref();
  }

  return {
    /** Arms (or re-arms) the conversation's timer for a user message; durable when it resolves. */
    async observe(event: CanonicalEvent): Promise<void> {
      if (event.type !== 'message.sent') return;
      const key = conversationKey(event);
      if (!key) return;
      const dueAt = Date.parse(event.occurredAt) + afterMs;
      // A message already overdue when it arrives (an import of history) is not news.
      if (dueAt < Date.parse(event.receivedAt)) return;
      await store.timers.arm({ key, organizationId: event.organizationId, dueAt: new Date(dueAt).toISOString(), eventId: event.id });
      schedule();
    },
    start(): void {
      running = true;
      schedule();
    },
    stop(): void {
      running = false;
      clearTimeout(timer);
    },
  };
}
