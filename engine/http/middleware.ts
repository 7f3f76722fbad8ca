import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ApiError } from './errors.js';
import { organizationOfKey } from '../accounts/index.js';
import type { Organization, Store } from '../store/index.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      /** The exact bytes of a JSON body, for signature checks. */
      rawBody?: Buffer;
      /** The organization of the API key that authenticated the request. */
      organization?: Organization;
    }
  }
}

export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** A body declared as something other than JSON is refused; no content type is read as JSON. */
export function refuseNonJson(type: string | undefined, contentLength: string | undefined): ApiError | undefined {
  if (!type || contentLength === '0' || /^application\/([\w.+-]+\+)?json\b/i.test(type)) return undefined;
  return new ApiError(415, 'unsupported_media_type', `content-type must be application/json, not ${type}`);
}

export function requestId(): RequestHandler {
  return function assignRequestId(req, res, next) {
    const given = req.get('x-request-id');
    req.id = given && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  };
}

/**
 * Parses JSON bodies up to 10 MB and keeps the raw bytes. A body declared as something other
 * than JSON is refused with 415; a body without a content type is read as JSON, since some
 * platforms omit it.
 */
export function jsonBody(): RequestHandler {
  const parse = express.json({
    limit: BODY_LIMIT_BYTES,
    strict: false,
    type: () => true,
    verify: (req, _res, buffer) => {
      (req as express.Request).rawBody = buffer;
    },
  });
  return function parseJsonBody(req, res, next) {
    const refused = refuseNonJson(req.get('content-type'), req.headers['content-length']);
    if (refused) return next(refused);
    parse(req, res, next);
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/** Requires `Authorization: Bearer <API key>` and attaches the key's organization. */
export function requireApiKey(store: Store): RequestHandler {
  return async function authenticate(req, _res, next) {
    const key = bearerToken(req.get('authorization'));
    if (!key) return next(new ApiError(401, 'unauthorized', 'Authorization header with a Bearer API key is required'));
    const organization = await organizationOfKey(store, key);
    if (!organization) return next(new ApiError(401, 'unauthorized', 'the API key is not valid'));
    req.organization = organization;
    next();
  };
}

const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'the request body is not valid JSON'],
  'entity.too.large': [413, 'payload_too_large', 'the request body is larger than 10 MB'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'the request body encoding is not supported'],
  'charset.unsupported': [415, 'unsupported_media_type', 'the request body charset is not supported'],
  'request.aborted': [400, 'request_aborted', 'the request was aborted by the client'],
};

/** Any thrown value as the ApiError to answer with; an unknown one is logged and becomes a 500. */
export function asApiError(error: unknown, logger: Logger, request: { id: string; method?: string; path?: string }): ApiError {
  if (error instanceof ApiError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && BODY_PARSER_ERRORS[type]) {
    const [status, code, message] = BODY_PARSER_ERRORS[type];
    return new ApiError(status, code, message);
  }
  // Express's own client errors, e.g. a path with malformed percent-encoding.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'invalid_request', `the request could not be read: ${(error as Error).message}`);
  }
  logger.error({ err: error, requestId: request.id, method: request.method, path: request.path }, 'unhandled error');
  return new ApiError(500, 'internal_error', `internal error; quote request id ${request.id}`, { requestId: request.id });
}

export function errorBody(error: ApiError) {
  return { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

/** Every error becomes `{"error": {code, message, details?}}`; unknown ones a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return function handleError(error, req, res, _next) {
    const apiError = asApiError(error, logger, req);
    if (res.headersSent) return;
    res.status(apiError.status).json(errorBody(apiError));
  };
}

export function routeNotFound(): RequestHandler {
  return function notFound(req, _res, next) {
    next(new ApiError(404, 'not_found', `no route for ${req.method} ${req.path}`));
  };
}
