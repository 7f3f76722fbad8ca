import { afterEach, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../engine/accounts/index.js';
import { createSender, DestinationUnresolved, nextStep, DEFAULT_RETRY_POLICY } from '../../engine/dispatch/index.js';
import { inboundUrl, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { eventually, sleep, startReceiver } from '../helpers/receiver.js';

describe('failures stay where they belong', () => {
  let engine: TestEngine | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await engine?.close();
    await receiver?.close();
    engine = receiver = undefined;
  });

  const startReceiverFor = async (...args: Parameters<typeof startReceiver>) => (receiver = await startReceiver(...args));
  const startEngineFor = async (env: Record<string, string> = {}) => (engine = await startTestEngine(env));

  const message = async (url: string, email: string, text: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'Message sent', timestamp: new Date().toISOString(), user_email: email, last_message: text }),
    });

  it("clearing one organization's webhookUrl leaves another organization's deliveries alone", async () => {
    const receiver = await startReceiverFor(() => ({ status: 500 }));
    const engine = await startEngineFor({ RETRY_SCHEDULE: '0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.2' });
    const other = await engine.engine.store.organizations.create('Other org');
    const { key } = await issueApiKey(engine.engine.store, other.id, 'test', new Date());
    const asOther = { authorization: `Bearer ${key}` };
    for (const headers of [{}, asOther]) {
      const set = await engine.api('/api/v1/organizations/current/settings', { method: 'PUT', headers, json: { webhookUrl: `${receiver.url}/hook` } });
      expect(set.status).toBe(200);
      const sources = await (await engine.api('/api/v1/sources', { headers })).json();
      await message(sources.find((source: { provider: string }) => source.provider === 'calstudio').url, 'a@example.com', 'hello');
    }
    await receiver.waitFor(2);
    await engine.api('/api/v1/organizations/current/settings', { method: 'PUT', json: { webhookUrl: null } });
    await sleep(700);
    const mine = await (await engine.api('/api/v1/deliveries')).json();
    const theirs = await (await engine.api('/api/v1/deliveries', { headers: asOther })).json();
    expect(mine[0].status).toBe('canceled');
    expect(theirs[0].status).toBe('pending');
    expect(theirs[0].attempts).toBeGreaterThan(1);
  });

  it('a prompt rule whose mapping fails still decides its condition event, and says why', async () => {
    const receiver = await startReceiverFor();
    const engine = await startEngineFor();
    const rule = await (
      await engine.api('/api/v1/rules', {
        method: 'POST',
        json: { name: 'pricing', on: ['message.sent'], prompt: 'When a user asks about pricing or costs', mapping: 'meeting.id', destination: { url: `${receiver.url}/x` } },
      })
    ).json();
    await message(await inboundUrl(engine, 'calstudio'), 'kim@example.com', 'how much does it cost?');
    const stats = await eventually(async () => {
      const current = (await (await engine.api(`/api/v1/rules/${rule.id}`)).json()).stats;
      return current?.errors === 1 && current;
    });
    expect(stats.lastError).toMatch(/^mapping: /);
    expect(await engine.engine.store.undecidedEvents()).toEqual([]);
    expect(receiver.received).toEqual([]);
    const dry = await engine.api(`/api/v1/rules/${rule.id}/test`, { method: 'POST', json: {} });
    expect(dry.status).toBe(200);
    const sample = await engine.api(`/api/v1/rules/${rule.id}/test?send=true`, { method: 'POST', json: {} });
    expect(sample.status).toBe(422);
    expect((await sample.json()).error.message).toMatch(/^mapping: /);
  });

  it('retries a destination whose name does not resolve, rather than failing it', async () => {
    const sender = createSender({
      timeoutMs: 1000,
      connections: 1,
      guard: {
        check: async () => {
          throw new DestinationUnresolved('hooks.example.com does not resolve (EAI_AGAIN)');
        },
        lookup: undefined,
      },
    });
    const result = await sender.send({ id: 'msg_1', url: 'https://hooks.example.com/x', body: '{}', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, new Date());
    await sender.close();
    expect(result.outcome).toEqual({ kind: 'network', error: 'hooks.example.com does not resolve (EAI_AGAIN)' });
    expect(nextStep(0, result.outcome, Date.now(), 0.5, { ...DEFAULT_RETRY_POLICY, scheduleMs: [1000] })).toMatchObject({ status: 'retry' });
  });
});
