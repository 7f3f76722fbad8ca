import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import { ingest, type ErrorBody } from './helpers.js';

const EVALUATE = '/api/v1/event-filter/evaluate';
const at = '2026-05-15T15:00:00.000Z';
const minutesBefore = (minutes: number, ms = 0) => new Date(Date.parse(at) - minutes * 60_000 + ms).toISOString();

/** Phones by what they did before `at`. */
const buyer = '+15550000001'; // mastery_purchase 30 days ago
const attendee = '+15550000002'; // webinar_attended 30 minutes ago
const earlyAttendee = '+15550000003'; // webinar_attended exactly 120 minutes ago
const lateAttendee = '+15550000004'; // webinar_attended 120 minutes and 1 ms ago
const futureAttendee = '+15550000005'; // webinar_attended 1 ms after `at`
const nobody = '+15550000006';
const buyerAndAttendee = '+15550000007';

describe('event filter and lead lookup', () => {
  let engine: TestEngine;
  const evaluate = async (body: unknown) => {
    const response = await engine.api(EVALUATE, { method: 'POST', json: body });
    if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`);
    return response.json();
  };
  const everyone = [buyer, attendee, earlyAttendee, lateAttendee, futureAttendee, nobody, buyerAndAttendee];

  beforeAll(async () => {
    engine = await startTestEngine();
    await ingest(engine, {
      organizationId: 1,
      eventType: 'mastery_purchase',
      events: [buyer, buyerAndAttendee].map((phoneE164) => ({ phoneE164, occurredAt: minutesBefore(30 * 24 * 60), metadata: { orderId: 'ord_1' } })),
    });
    await ingest(engine, {
      organizationId: 1,
      eventType: 'webinar_attended',
      events: [
        { phoneE164: attendee, occurredAt: minutesBefore(30) },
        { phoneE164: buyerAndAttendee, occurredAt: minutesBefore(10) },
        { phoneE164: earlyAttendee, occurredAt: minutesBefore(120) },
        { phoneE164: lateAttendee, occurredAt: minutesBefore(120, -1) },
        { phoneE164: futureAttendee, occurredAt: minutesBefore(0, 1) },
        // an old attendance of a phone that also attended just now: either event may match
        { phoneE164: attendee, occurredAt: minutesBefore(3 * 24 * 60) },
      ],
    });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('excludes with a sticky event (no window): anyone who ever purchased', async () => {
    expect(await evaluate({ organizationId: 1, filter: { mode: 'exclude', eventType: 'mastery_purchase' }, phones: everyone, at })).toEqual({
      included: [attendee, earlyAttendee, lateAttendee, futureAttendee, nobody],
      excluded: [buyer, buyerAndAttendee],
      invalid: [],
    });
  });

  it('includes with a window, both bounds inclusive, events after `at` not counted', async () => {
    const result = await evaluate({ filter: { mode: 'include', eventType: 'webinar_attended', within: { minutes: 120 } }, phones: everyone, at });
    expect(result).toEqual({
      included: [attendee, earlyAttendee, buyerAndAttendee],
      excluded: [buyer, lateAttendee, futureAttendee, nobody],
      invalid: [],
    });
    const atTheEvent = await evaluate({ filter: { mode: 'include', eventType: 'webinar_attended', within: { minutes: 1 } }, phones: [futureAttendee], at: minutesBefore(0, 1) });
    expect(atTheEvent.included).toEqual([futureAttendee]);
  });

  it('counts an older event of the phone when the window reaches it', async () => {
    const result = await evaluate({ filter: { mode: 'include', eventType: 'webinar_attended', within: { minutes: 4 * 24 * 60 } }, phones: [attendee], at: minutesBefore(60) });
    expect(result.included).toEqual([attendee]);
    const between = await evaluate({ filter: { mode: 'include', eventType: 'webinar_attended', within: { minutes: 60 } }, phones: [attendee], at: minutesBefore(24 * 60) });
    expect(between.excluded).toEqual([attendee]);
  });

  it('ANDs an array of filters', async () => {
    const result = await evaluate({
      filter: [
        { mode: 'exclude', eventType: 'mastery_purchase' },
        { mode: 'exclude', eventType: 'webinar_attended', within: { minutes: 120 } },
      ],
      phones: everyone,
      at,
    });
    expect(result).toEqual({ included: [lateAttendee, futureAttendee, nobody], excluded: [buyer, attendee, earlyAttendee, buyerAndAttendee], invalid: [] });
    const both = await evaluate({
      filter: [
        { mode: 'include', eventType: 'mastery_purchase' },
        { mode: 'include', eventType: 'webinar_attended', within: { minutes: 120 } },
      ],
      phones: everyone,
      at,
    });
    expect(both.included).toEqual([buyerAndAttendee]);
  });

  it('reads phones in any accepted format, returns them as given, and lists unreadable ones as invalid', async () => {
    const phones = ['1 (555) 000-0001', '15550000002', 15550000006, 'call me', null, '+1555'];
    expect(await evaluate({ filter: { mode: 'exclude', eventType: 'mastery_purchase' }, phones, at })).toEqual({
      included: ['15550000002', 15550000006],
      excluded: ['1 (555) 000-0001'],
      invalid: ['call me', null, '+1555'],
    });
  });

  it('defaults `at` to now', async () => {
    const result = await evaluate({ filter: { mode: 'include', eventType: 'mastery_purchase' }, phones: [buyer] });
    expect(result.included).toEqual([buyer]);
    const windowed = await evaluate({ filter: { mode: 'include', eventType: 'webinar_attended', within: { minutes: 120 } }, phones: [attendee] });
    expect(windowed.excluded).toEqual([attendee]);
  });

  it('validates the request and refuses another organization', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ filter: { mode: 'skip', eventType: 'x' }, phones: [] }, 422, /^filter/],
      [{ filter: { mode: 'include', eventType: 'x', within: { minutes: 0 } }, phones: [] }, 422, /^filter/],
      [{ filter: { mode: 'include', eventType: 'x' }, phones: 'all' }, 422, /^phones: /],
      [{ filter: { mode: 'include', eventType: 'x' }, phones: [], at: 'yesterday' }, 422, /^at: must be an ISO 8601/],
      [{ filter: [], phones: [] }, 422, /^filter/],
      [{ organizationId: 2, filter: { mode: 'include', eventType: 'x' }, phones: [] }, 403, /organizationId/],
    ];
    for (const [body, status, message] of cases) {
      const response = await engine.api(EVALUATE, { method: 'POST', json: body });
      expect(response.status).toBe(status);
      expect(((await response.json()) as ErrorBody).error.message).toMatch(message);
    }
    expect((await fetch(`${engine.url}${EVALUATE}`, { method: 'POST' })).status).toBe(401);
  });

  it('looks a lead up by any phone format, newest first, optionally by event type', async () => {
    for (const phone of ['+15550000007', '15550000007', encodeURIComponent('+1 (555) 000-0007'), '1-555-000-0007']) {
      const response = await engine.api(`/api/v1/leads/${phone}/events`);
      expect(response.status).toBe(200);
      const lookup = (await response.json()) as { phoneE164: string; events: { eventType: string }[] };
      expect(lookup.phoneE164).toBe(buyerAndAttendee);
      expect(lookup.events.map((event) => event.eventType)).toEqual(['webinar_attended', 'mastery_purchase']);
    }
    const purchases = (await (await engine.api('/api/v1/leads/15550000007/events?eventType=mastery_purchase')).json()) as { events: unknown[] };
    expect(purchases.events).toEqual([
      { eventType: 'mastery_purchase', phoneE164: buyerAndAttendee, occurredAt: minutesBefore(30 * 24 * 60), receivedAt: expect.any(String), metadata: { orderId: 'ord_1' } },
    ]);
    const limited = (await (await engine.api('/api/v1/leads/15550000002/events?limit=1')).json()) as { events: { occurredAt: string }[] };
    expect(limited.events).toEqual([expect.objectContaining({ occurredAt: minutesBefore(30) })]);
    expect((await (await engine.api(`/api/v1/leads/${nobody}/events`)).json())).toEqual({ phoneE164: nobody, events: [] });

    const invalid = await engine.api('/api/v1/leads/not-a-phone/events');
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as ErrorBody).error.message).toMatch(/^phone: /);
  });
});
