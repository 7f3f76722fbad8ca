/**
 * `npm run bench -- dispatch`: 20,000 Setter webhooks at concurrency 50, half matching a rule with
 * a JSONata `when` and `mapping`, delivered to a loopback receiver. Reports inbound requests/s,
 * p99 ack, and end-to-end deliveries/s until the receiver has every one, with lost and duplicate
 * counts. The workload mirrors the peer benchmark (Node-RED, n8n), so figures compare.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchDir, blast, fixed, percentile, removeDir, sleep, startEngineProcess } from './_engine.js';

const EVENTS = 20_000;
const CONCURRENCY = 50;
const CONVERSATION =
  'Bot: Hi! How can I help you today?\nUser: I would like to book a cleaning appointment next week.\n' +
  'Bot: Sure, which day works best for you?\nUser: Tuesday afternoon if possible.\n';
const BASE = Date.UTC(2025, 0, 6, 9);

/** Event i matches `type = appointment_booked and botId = 123` iff i is even. */
function event(i: number, tag: string): string {
  const match = i % 2 === 0;
  return JSON.stringify({
    type: !match && i % 4 === 1 ? 'appointment_cancelled' : 'appointment_booked',
    timestamp: new Date(BASE + i * 1000).toISOString(),
    startTime: new Date(BASE + 86_400_000 + i * 60_000).toISOString(),
    contactEmail: `${tag}user${i}@example.com`,
    contactFullName: 'John Doe',
    contactPhoneNumber: '+15551234567',
    botId: !match && i % 4 === 3 ? 999 : 123,
    botIntegrationId: 456,
    concatenatedConversation: `${CONVERSATION}Ref: ${tag}${i}`,
  });
}

/** Counts deliveries with exactly the mapped keys, and distinct emails (so duplicates show). */
async function startCountingReceiver() {
  const stats = { count: 0, valid: 0, emails: new Set<string>(), lastAt: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      stats.count++;
      stats.lastAt = performance.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (Object.keys(body).sort().join(',') === 'email,name,phone,start') {
          stats.valid++;
          stats.emails.add(body.email);
        }
      } catch {
        // counted, not valid
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    reset() {
      Object.assign(stats, { count: 0, valid: 0, emails: new Set<string>(), lastAt: 0 });
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export async function run(): Promise<string> {
  const dataDir = await benchDir();
  const receiver = await startCountingReceiver();
  const engine = await startEngineProcess(dataDir, { ALLOW_PRIVATE_DESTINATIONS: 'true' });
  try {
    await engine.api('/api/v1/rules', {
      method: 'POST',
      json: {
        name: 'bench: booked appointments of bot 123',
        on: ['appointment.booked'],
        when: 'conversation.botId = 123',
        mapping: '{"email": contact.email, "name": contact.fullName, "phone": contact.phoneE164, "start": meeting.start}',
        destination: { url: `${receiver.url}/deliver` },
      },
    });
    const sources = (await engine.api('/api/v1/sources')) as { provider: string; url: string }[];
    const inbound = sources.find((source) => source.provider === 'setter')!.url;

    await blast(inbound, 1000, 10, (i) => event(i, 'warm-'));
    while (receiver.stats.valid < 500) await sleep(50);
    await sleep(300);
    receiver.reset();
    await engine.api('/api/v1/metrics?reset=true');

    const started = performance.now();
    const result = await blast(inbound, EVENTS, CONCURRENCY, (i) => event(i, ''));
    const expected = EVENTS / 2;
    const deadline = performance.now() + 120_000;
    while (receiver.stats.valid < expected && performance.now() < deadline) await sleep(20);
    const wallS = (receiver.stats.lastAt - started) / 1000;
    await sleep(500);
    const metrics = await engine.api('/api/v1/metrics');
    const unique = receiver.stats.emails.size;
    return (
      `dispatch: inbound_rps=${fixed(result.ok / result.seconds)} p50_ms=${fixed(percentile(result.latenciesMs, 50), 2)} ` +
      `p99_ms=${fixed(percentile(result.latenciesMs, 99), 2)} delivered=${unique}/${expected} wall_s=${fixed(wallS, 2)} ` +
      `deliveries_per_s=${fixed(unique / wallS)} lost=${expected - unique} duplicates=${receiver.stats.valid - unique} ` +
      `non2xx=${result.failed} max_stall_ms=${fixed(metrics.eventLoopDelay.maxMs, 1)} rss_mb=${fixed(engine.peakRssMb())}`
    );
  } finally {
    await engine.stop();
    await receiver.close();
    await removeDir(dataDir);
  }
}
