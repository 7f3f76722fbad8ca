import jsonata from 'jsonata';

/** Bounds on one evaluation, so a user's expression cannot stall the engine. */
export const EXPRESSION_LIMITS = { timeout: 50, stack: 200, sequence: 100_000 };

/** A JSONata expression that did not compile or did not evaluate. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly position?: number,
    readonly token?: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }

  static from(error: unknown): ExpressionError {
    const detail = error as { message?: string; code?: string; position?: number; token?: string };
    const at = typeof detail.position === 'number' ? ` at position ${detail.position}` : '';
    return new ExpressionError(`${detail.message ?? String(error)}${at}`, detail.code ?? 'unknown', detail.position, detail.token);
  }
}

const compiled = new Map<string, jsonata.Expression>();
const MAX_CACHED = 10_000;

/** Compiles once and caches; throws an ExpressionError with the position of a syntax error. */
export function compileExpression(text: string): jsonata.Expression {
  let expression = compiled.get(text);
  if (expression) return expression;
  try {
    expression = jsonata(text, EXPRESSION_LIMITS);
  } catch (error) {
    throw ExpressionError.from(error);
  }
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
  compiled.set(text, expression);
  return expression;
}

/** Evaluates a (cached) expression against the input within EXPRESSION_LIMITS. */
export async function evaluateExpression(text: string, input: unknown): Promise<unknown> {
  const expression = compileExpression(text);
  try {
    return await expression.evaluate(input);
  } catch (error) {
    throw ExpressionError.from(error);
  }
}

/**
 * JSONata yields its own sequence arrays and may leave functions in results; a delivery body
 * must be plain JSON.
 */
export function toPlainJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? 'null');
}
