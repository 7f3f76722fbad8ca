export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface UsageTotals extends TokenUsage {
  /** Requests sent to the model (a retried request counts once). */
  calls: number;
  /** Calls that ended in an error, every prompt of them failing closed. */
  errors: number;
  /** Prompts answered from the verdict cache without a call. */
  cacheHits: number;
}

/** Running totals of what the LLM evaluator spent since the process started. */
export class UsageMeter {
  #totals: UsageTotals = { calls: 0, errors: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 };

  recordCall(usage: TokenUsage | undefined): void {
    this.#totals.calls += 1;
    if (!usage) return;
    this.#totals.promptTokens += usage.promptTokens;
    this.#totals.completionTokens += usage.completionTokens;
    this.#totals.totalTokens += usage.totalTokens;
  }

  recordError(): void {
    this.#totals.errors += 1;
  }

  recordCacheHits(count: number): void {
    this.#totals.cacheHits += count;
  }

  totals(): UsageTotals {
    return { ...this.#totals };
  }
}
