import type {
  AfterResponseMiddleware,
  BeforeRequestMiddleware,
  Bundle,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';

/** The engine's address from the connection, without a trailing slash or a pasted `/api/v1`. */
function engineBaseUrl(z: ZObject, bundle: Bundle): string {
  const entered = (bundle.authData.baseUrl ?? '').trim();
  const url = URL.canParse(entered) ? new URL(entered) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new z.errors.Error(
      `The Switchboard URL "${entered}" is not a web address. Enter the address your Switchboard engine is reachable at, such as https://switchboard.example.com.`,
      'AuthenticationError',
    );
  }
  return url.href.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

/**
 * Requests addressed by path (`/api/v1/...`) go to the connected engine and carry its API key;
 * any other URL is left alone, so the key never reaches a third party.
 */
const toConnectedEngine: BeforeRequestMiddleware = (request, z, bundle) => {
  if (!request.url.startsWith('/')) return request;
  return {
    ...request,
    url: `${engineBaseUrl(z, bundle)}${request.url}`,
    headers: { ...request.headers, Authorization: `Bearer ${bundle.authData.apiKey}` },
  };
};

interface ApiErrorBody {
  error?: { code?: string; message?: string };
}

/** Throws the engine's own error message for an error response; does nothing for a success. */
export function throwForApiError(z: ZObject, response: HttpResponse<ApiErrorBody | undefined>): void {
  if (response.status < 400) return;
  const apiError = response.data?.error;
  const message = apiError?.message ?? `Switchboard answered HTTP ${response.status}.`;
  if (response.status === 401) {
    throw new z.errors.Error(
      `Switchboard did not accept the API key: ${message.replace(/\.$/, '')}. Check the API key and the Switchboard URL of this connection.`,
      'AuthenticationError',
      401,
    );
  }
  throw new z.errors.Error(message, apiError?.code ?? 'ApiError', response.status);
}

/**
 * Core turns 401 into a reconnect prompt only for session and OAuth2 auth, so custom auth maps it
 * here. A request that set `skipThrowForStatus` handles its other statuses itself.
 */
const mapApiErrors: AfterResponseMiddleware = (response, z) => {
  if (response.status === 401 || !response.skipThrowForStatus) throwForApiError(z, response);
  return response;
};

export const befores = [toConnectedEngine];
export const afters = [mapApiErrors];
