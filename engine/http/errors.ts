import type { ZodError } from 'zod';

/** The one error type routes throw; the error middleware turns it into `{"error": {...}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

function fieldName(path: PropertyKey[]): string {
  return path.length ? path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[') : 'body';
}

/** A zod failure as a 400 (or the given status) naming the first offending field. */
export function validationError(error: ZodError, status = 400, code = 'invalid_request'): ApiError {
  const details = error.issues.map((issue) => ({ field: fieldName(issue.path), message: issue.message }));
  const first = details[0];
  return new ApiError(status, code, `${first.field}: ${first.message}`, details);
}
