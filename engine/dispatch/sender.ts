import { Agent, request } from 'undici';
import { Webhook } from 'standardwebhooks';
import { DestinationRefused, type DestinationGuard } from './destination-guard.js';
import type { AttemptOutcome } from './retry.js';

export interface Outgoing {
  /** Becomes `webhook-id`, the receiver's idempotency key. */
  id: string;
  url: string;
  body: string;
  secret: string;
  headers?: Record<string, string>;
}

export interface SendResult {
  outcome: AttemptOutcome;
  latencyMs: number;
  /** The first 2 KB of the response body. */
  response: string | null;
  error: string | null;
}

const RESPONSE_SNIPPET_BYTES = 2048;

/** Standard Webhooks headers for one attempt: the id is stable, the timestamp is the attempt's. */
export function signatureHeaders(id: string, body: string, secret: string, at: Date): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

async function readSnippet(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < RESPONSE_SNIPPET_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES).toString('utf8');
}

export interface Sender {
  send(outgoing: Outgoing, at: Date): Promise<SendResult>;
  close(): Promise<void>;
}

/**
 * POSTs deliveries through one undici Agent (connection pools per origin), with a per-attempt
 * timeout and the guard's DNS lookup, so a name that resolves to a private address is refused
 * at connect time too.
 */
export function createSender(options: { timeoutMs: number; guard: DestinationGuard; connections: number }): Sender {
  const agent = new Agent({
    connections: options.connections,
    keepAliveTimeout: 30_000,
    connect: options.guard.lookup ? { lookup: options.guard.lookup } : undefined,
  });
  return {
    async send(outgoing, at) {
      const started = performance.now();
      const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
      try {
        await options.guard.check(outgoing.url);
        const response = await request(outgoing.url, {
          method: 'POST',
          dispatcher: agent,
          headers: {
            ...outgoing.headers,
            'content-type': 'application/json',
            'user-agent': 'Switchboard-Webhooks/1.0',
            ...signatureHeaders(outgoing.id, outgoing.body, outgoing.secret, at),
          },
          body: outgoing.body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const snippet = await readSnippet(response.body);
        const retryAfter = response.headers['retry-after'];
        return {
          outcome: { kind: 'response', status: response.statusCode, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter },
          latencyMs: elapsed(),
          response: snippet || null,
          error: null,
        };
      } catch (error) {
        const err = error as Error & { code?: string };
        const refused = err instanceof DestinationRefused ? err : err.cause instanceof DestinationRefused ? err.cause : undefined;
        if (refused) return { outcome: { kind: 'refused', reason: refused.message }, latencyMs: elapsed(), response: null, error: refused.message };
        const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError' || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT';
        if (timedOut) {
          return { outcome: { kind: 'timeout' }, latencyMs: elapsed(), response: null, error: `timed out after ${options.timeoutMs} ms` };
        }
        const message = err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
        return { outcome: { kind: 'network', error: message }, latencyMs: elapsed(), response: null, error: message };
      }
    },
    close: () => agent.close(),
  };
}
