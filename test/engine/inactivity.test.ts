import { afterEach, describe, expect, it } from 'vitest';
import { durationMs } from '../../engine/inactivity/index.js';
import { inboundUrl, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { eventually, sleep } from '../helpers/receiver.js';

describe('conversation inactivity', () => {
  let engine: TestEngine;
  afterEach(async () => {
    await engine?.close();
  });

  const message = async (email: string, text: string, at = new Date()) => {
    const response = await fetch(await inboundUrl(engine, 'calstudio'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'Message sent', timestamp: at.toISOString(), app_name: 'Clinic Bot', user_email: email, user_name: 'Ana Lima', last_message: text, response: 'Sure!' }),
    });
    expect(response.status).toBe(202);
  };
  const inactiveEvents = async () =>
    (await (await engine.api('/api/v1/events?type=conversation.inactive')).json()) as Array<Record<string, any>>;

  it('parses ISO 8601 durations', () => {
    expect(durationMs('PT23H')).toBe(23 * 3600_000);
    expect(durationMs('P1DT2H3M4S')).toBe(((26 * 60 + 3) * 60 + 4) * 1000);
    expect(() => durationMs('23h')).toThrow(/ISO 8601/);
  });

  it('emits conversation.inactive after the last user message, re-armed by a newer one', async () => {
    engine = await startTestEngine({ INACTIVITY_AFTER: 'PT1S' });
    await message('ana@example.com', 'hi, do you open saturday?');
    await sleep(500);
    const second = new Date();
    await message('ana@example.com', 'and sunday?', second);
    await message('old@example.com', 'an old message', new Date('2020-01-01T00:00:00Z'));
    await sleep(700);
    expect(await inactiveEvents()).toEqual([]);
    const [inactive] = await eventually(async () => {
      const events = await inactiveEvents();
      return events.length > 0 && events;
    });
    expect(inactive).toMatchObject({
      type: 'conversation.inactive',
      source: { provider: 'engine', action: 'conversation.inactive' },
      contact: { email: 'ana@example.com', fullName: 'Ana Lima' },
      conversation: { lastUserMessageAt: second.toISOString(), inactiveFor: 'PT1S', lastMessage: 'and sunday?', appName: 'Clinic Bot' },
      occurredAt: new Date(second.getTime() + 1000).toISOString(),
    });
    await sleep(1200);
    expect(await inactiveEvents()).toHaveLength(1);
  });

  it('fires a timer late after a restart rather than never', async () => {
    engine = await startTestEngine({ INACTIVITY_AFTER: 'PT1S' });
    await message('bo@example.com', 'talk later');
    await engine.restart(() => sleep(1300));
    const [inactive] = await eventually(async () => {
      const events = await inactiveEvents();
      return events.length > 0 && events;
    });
    expect(inactive.contact.email).toBe('bo@example.com');
  });
});
