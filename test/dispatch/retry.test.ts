import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextStep, parseRetryAfter, type RetryPolicy } from '../../engine/dispatch/index.js';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, scheduleMs: [5_000, 60_000, 300_000] };
const now = Date.UTC(2026, 0, 1);
const response = (status: number, retryAfter?: string) => ({ kind: 'response' as const, status, retryAfter });

describe('nextStep', () => {
  it('ends on 2xx, 410 and other 4xx', () => {
    expect(nextStep(0, response(200), now, 0.5, policy)).toEqual({ status: 'delivered' });
    expect(nextStep(0, response(204), now, 0.5, policy)).toEqual({ status: 'delivered' });
    expect(nextStep(0, response(410), now, 0.5, policy)).toEqual({ status: 'gone' });
    for (const status of [400, 401, 403, 404, 413, 422]) {
      expect(nextStep(0, response(status), now, 0.5, policy)).toEqual({ status: 'failed', reason: `receiver answered ${status}` });
    }
    expect(nextStep(0, { kind: 'refused', reason: 'private' }, now, 0.5, policy)).toEqual({ status: 'failed', reason: 'private' });
  });

  it('retries 408, 429, 5xx, network errors and timeouts on the schedule', () => {
    for (const outcome of [response(408), response(429), response(500), response(503), { kind: 'network' as const, error: 'ECONNREFUSED' }, { kind: 'timeout' as const }]) {
      expect(nextStep(0, outcome, now, 0.5, policy)).toEqual({ status: 'retry', delayMs: 5_000, retryIndex: 1 });
      expect(nextStep(2, outcome, now, 0.5, policy)).toEqual({ status: 'retry', delayMs: 300_000, retryIndex: 3 });
      expect(nextStep(3, outcome, now, 0.5, policy)).toEqual({ status: 'dead', reason: 'gave up after 4 attempts' });
    }
  });

  it('adds ±20% jitter', () => {
    expect(nextStep(1, response(500), now, 0, policy)).toMatchObject({ delayMs: 48_000 });
    expect(nextStep(1, response(500), now, 0.999999, policy)).toMatchObject({ delayMs: 72_000 });
  });

  it('waits at least Retry-After, within bounds', () => {
    expect(nextStep(0, response(429, '120'), now, 0.5, policy)).toMatchObject({ delayMs: 120_000 });
    expect(nextStep(0, response(429, '1'), now, 0.5, policy)).toMatchObject({ delayMs: 5_000 });
    expect(nextStep(0, response(503, new Date(now + 90_000).toUTCString()), now, 0.5, policy)).toMatchObject({ delayMs: 90_000 });
    expect(nextStep(0, response(429, String(10 * 24 * 3600)), now, 0.5, policy)).toMatchObject({ delayMs: 24 * 3600 * 1000 });
    expect(nextStep(0, response(429, 'soon'), now, 0.5, policy)).toMatchObject({ delayMs: 5_000 });
  });

  it('parses both Retry-After forms', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
