import { afterEach, describe, expect, it } from 'vitest';
import { inboundUrl, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { eventually, sleep, startReceiver } from '../helpers/receiver.js';

describe('natural-language condition rules', () => {
  let engine: TestEngine;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  afterEach(async () => {
    await engine?.close();
    await receiver?.close();
  });

  let minute = 0;
  const say = async (email: string, text: string, response = 'Happy to help!') => {
    const posted = await fetch(await inboundUrl(engine, 'calstudio'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'Message sent', timestamp: new Date(Date.UTC(2026, 10, 1, 9, minute++)).toISOString(), app_name: 'Sales Bot', user_email: email, user_name: 'Kim Park', last_message: text, response }),
    });
    expect(posted.status).toBe(202);
    return (await posted.json()).eventId as string;
  };
  const createRule = async (rule: Record<string, unknown>) => {
    const response = await engine.api('/api/v1/rules', {
      method: 'POST',
      json: { name: 'pricing', on: ['message.sent'], destination: { url: `${receiver.url}/condition` }, ...rule },
    });
    expect(response.status).toBe(201);
    return response.json();
  };

  it('emits condition.matched once per conversation, judged on what the user said', async () => {
    receiver = await startReceiver();
    engine = await startTestEngine();
    const rule = await createRule({ prompt: 'When a user asks about pricing or costs' });
    expect(rule).toMatchObject({ once: 'per-conversation', warnings: [] });

    await say('kim@example.com', 'hi there, what are your opening hours?', 'We are open 9-5. Our plans start at $49/month.');
    const trigger = await say('kim@example.com', 'how much does the pro plan cost?');
    await say('kim@example.com', 'and is there a discount on the price for a year?');
    await say('lee@example.com', "what's the price?");
    await receiver.waitFor(2);
    await sleep(300);
    const bodies = receiver.received.map((request) => JSON.parse(request.body));
    expect(bodies.map((body) => body.contact.email).sort()).toEqual(['kim@example.com', 'lee@example.com']);
    const kim = bodies.find((body) => body.contact.email === 'kim@example.com');
    expect(kim).toMatchObject({
      type: 'condition.matched',
      source: { provider: 'engine', action: 'condition.matched' },
      condition: { ruleId: rule.id, prompt: 'When a user asks about pricing or costs', matched: true, evaluator: 'local', triggeredBy: trigger, reason: expect.any(String) },
      conversation: { lastMessage: 'how much does the pro plan cost?' },
    });
    const stored = (await (await engine.api('/api/v1/events?type=condition.matched')).json()) as { id: string }[];
    expect(stored.map((event) => event.id).sort()).toEqual(bodies.map((body) => body.id).sort());
  });

  it('fires on every matching message with once: always, and a per-contact rule once per contact', async () => {
    receiver = await startReceiver();
    engine = await startTestEngine();
    await createRule({ prompt: 'If the user expresses frustration or dissatisfaction', once: 'always', destination: { url: `${receiver.url}/always` } });
    await createRule({ prompt: 'If the user expresses frustration or dissatisfaction', once: 'per-contact', destination: { url: `${receiver.url}/contact` } });
    await say('ana@example.com', 'this is ridiculous, nothing works and nobody answers my emails');
    await say('ana@example.com', "I'm not frustrated at all, thanks for the quick fix");
    await say('ana@example.com', 'ugh, it broke again. terrible service, very disappointed');
    await eventually(() => receiver.received.length >= 3);
    await sleep(300);
    expect(receiver.received.filter((request) => request.path === '/always')).toHaveLength(2);
    expect(receiver.received.filter((request) => request.path === '/contact')).toHaveLength(1);
  });

  it('runs the prompt only after `when` passes, and warns about prompts the local evaluator cannot judge', async () => {
    receiver = await startReceiver();
    engine = await startTestEngine();
    const gated = await createRule({ prompt: 'When a user asks about pricing or costs', when: 'conversation.appName = "Support Bot"' });
    await say('kim@example.com', 'how much is it?');
    await sleep(300);
    expect(receiver.received).toEqual([]);
    const test = await (await engine.api(`/api/v1/rules/${gated.id}/test`, { method: 'POST', json: {} })).json();
    expect(test).toMatchObject({ matched: false, reason: expect.stringContaining('`when`') });

    const unsupported = await createRule({ prompt: 'When the user writes in Spanish' });
    expect(unsupported.warnings).toEqual([expect.stringContaining('configure an LLM')]);
    const dry = await (await engine.api(`/api/v1/rules/${unsupported.id}/test`, { method: 'POST', json: {} })).json();
    expect(dry).toMatchObject({ matched: false, verdict: { evaluator: 'local', reason: 'unsupported condition for the local evaluator — configure an LLM' } });
  });

  it('dry-runs a prompt rule into the condition event it would deliver', async () => {
    receiver = await startReceiver();
    engine = await startTestEngine();
    const rule = await createRule({ prompt: 'When the user provides their email address', mapping: '{"email": contact.email, "why": condition.reason}' });
    const eventId = await say('kim@example.com', 'sure, write to me at kim.park@example.org');
    await receiver.waitFor(1);
    const fired = await (await engine.api(`/api/v1/rules/${rule.id}/test`, { method: 'POST', json: { eventId } })).json();
    expect(fired).toMatchObject({ matched: false, reason: expect.stringContaining('already fired') });
    await engine.api(`/api/v1/rules/${rule.id}`, { method: 'PATCH', json: { once: 'always' } });
    const test = await (await engine.api(`/api/v1/rules/${rule.id}/test`, { method: 'POST', json: { eventId } })).json();
    expect(test).toMatchObject({ matched: true, body: { email: 'kim@example.com', why: expect.any(String) }, verdict: { matched: true } });
    expect(JSON.parse(receiver.received[0].body)).toEqual(test.body);
  });
});

describe('the condition playground', () => {
  let engine: TestEngine;
  afterEach(async () => {
    await engine?.close();
  });

  it('judges prompts against a conversation without creating anything, and reports usage', async () => {
    engine = await startTestEngine();
    const response = await engine.api('/api/v1/conditions/evaluate', {
      method: 'POST',
      json: {
        prompts: [
          { id: 'pricing', text: 'When a user asks about pricing or costs' },
          { id: 'email', text: 'When the user provides their email address' },
        ],
        conversation: { messages: [{ role: 'assistant', text: 'Our plans cost $49. What is your email?' }, { role: 'user', text: 'how much is the yearly plan?' }] },
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [
        { id: 'pricing', matched: true, confidence: expect.any(Number), reason: expect.any(String), evaluator: 'local' },
        { id: 'email', matched: false, confidence: expect.any(Number), reason: expect.any(String), evaluator: 'local' },
      ],
    });
    const bad = await engine.api('/api/v1/conditions/evaluate', { method: 'POST', json: { prompts: [], conversation: { transcript: 'x' } } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^prompts: /);
    expect(await (await engine.api('/api/v1/events')).json()).toEqual([]);
    expect(await (await engine.api('/api/v1/conditions/usage')).json()).toMatchObject({ evaluator: 'local', calls: 0, totalTokens: 0 });
  });
});
