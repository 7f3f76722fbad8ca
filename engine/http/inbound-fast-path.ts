import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { receiveWebhook, type InboundDeps } from '../inbound/index.js';
import { ApiError } from './errors.js';
import { asApiError, bearerToken, BODY_LIMIT_BYTES, errorBody, refuseNonJson } from './middleware.js';

const INBOUND_PATH = /^\/in\/([^/?#]+)\/([^/?#]+)\/?(?:\?(.*))?$/;

/** Secret-token forms accepted from platforms that do not document how they send it (Orufy). */
function presentedSecrets(req: IncomingMessage, query: URLSearchParams): string[] {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const candidates = [bearerToken(header('authorization')), header('x-secret-token'), header('x-webhook-secret'), query.get('secret') ?? undefined];
  return candidates.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** A path segment; one that is not valid percent-encoding matches no source. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > BODY_LIMIT_BYTES) {
      reject(new ApiError(413, 'payload_too_large', 'the request body is larger than 10 MB'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        req.removeAllListeners('data');
        reject(new ApiError(413, 'payload_too_large', 'the request body is larger than 10 MB'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new ApiError(400, 'request_aborted', 'the request was aborted by the client'));
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string, close = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'x-request-id': requestId,
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(json);
}

/**
 * `POST /in/:provider/:token` on plain node:http, ahead of Express: the hottest route (thousands
 * of webhooks a second) skips the router's layers but answers exactly as the API does. Returns
 * false for every other request, which Express then handles.
 */
export function inboundFastPath(deps: InboundDeps, logger: Logger) {
  return function handleInbound(req: IncomingMessage, res: ServerResponse): boolean {
    const match = req.method === 'POST' ? INBOUND_PATH.exec(req.url ?? '') : null;
    if (!match) return false;
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    (async () => {
      const refused = refuseNonJson(req.headers['content-type'], req.headers['content-length']);
      if (refused) throw refused;
      const raw = await readBody(req);
      let payload: unknown;
      if (raw.length > 0) {
        try {
          payload = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
        }
      }
      const { event, duplicate } = await receiveWebhook(deps, {
        provider: decodedSegment(match[1]),
        token: decodedSegment(match[2]),
        presentedSecrets: presentedSecrets(req, new URLSearchParams(match[3] ?? '')),
        payload,
      });
      send(res, 202, { status: 'accepted', eventId: event.id, type: event.type, duplicate }, requestId);
    })().catch((error: unknown) => {
      const apiError = asApiError(error, logger, { id: requestId, method: req.method, path: req.url });
      // A body we stopped reading cannot leave the connection reusable.
      send(res, apiError.status, errorBody(apiError), requestId, apiError.status === 413);
      if (apiError.status === 413) req.resume();
    });
    return true;
  };
}
