/** What one attempt came back with. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string | null }
  | { kind: 'network'; error: string }
  | { kind: 'timeout' }
  /** The destination guard refused the URL (private address, bad scheme): retrying cannot help. */
  | { kind: 'refused'; reason: string };

export type NextStep =
  | { status: 'delivered' }
  | { status: 'gone' }
  | { status: 'failed'; reason: string }
  | { status: 'retry'; delayMs: number; retryIndex: number }
  | { status: 'dead'; reason: string };

export interface RetryPolicy {
  /** Milliseconds before each retry; its length is the number of retries. */
  scheduleMs: number[];
  /** ± fraction of each delay, so a recovering receiver is not hit by every retry at once. */
  jitter: number;
  /** The longest `Retry-After` we wait for. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'scheduleMs'> = { jitter: 0.2, maxRetryAfterMs: 24 * 60 * 60 * 1000 };

/** `Retry-After` as milliseconds from `now`: either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isRetryableStatus(status: number): boolean {
  // The receiver timed out reading us, or is rate limiting.
  if (status === 408 || status === 429) return true;
  // The receiver is down or overloaded; it may recover.
  return status >= 500;
}

/**
 * The next step after an attempt: a pure function of the retry index used so far, the outcome,
 * the clock and one random number in [0, 1), so every branch is testable.
 */
export function nextStep(retryIndex: number, outcome: AttemptOutcome, now: number, random: number, policy: RetryPolicy): NextStep {
  if (outcome.kind === 'refused') return { status: 'failed', reason: outcome.reason };
  if (outcome.kind === 'response') {
    if (outcome.status >= 200 && outcome.status < 300) return { status: 'delivered' };
    // Zapier's REST-hook contract: 410 means the subscription is gone.
    if (outcome.status === 410) return { status: 'gone' };
    if (!isRetryableStatus(outcome.status)) return { status: 'failed', reason: `receiver answered ${outcome.status}` };
  }
  if (retryIndex >= policy.scheduleMs.length) {
    return { status: 'dead', reason: `gave up after ${retryIndex + 1} attempts` };
  }
  const base = policy.scheduleMs[retryIndex];
  let delayMs = Math.round(base * (1 + policy.jitter * (2 * random - 1)));
  const retryAfter = outcome.kind === 'response' ? parseRetryAfter(outcome.retryAfter, now) : undefined;
  if (retryAfter !== undefined) delayMs = Math.max(delayMs, Math.min(retryAfter, policy.maxRetryAfterMs));
  return { status: 'retry', delayMs, retryIndex: retryIndex + 1 };
}
