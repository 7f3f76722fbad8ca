import type { ConditionEvaluator } from '../../engine/conditions/index.js';
import type { ConditionCase, IntentDataset, IntentRow } from './datasets.js';
import { count, emptyTally, type Tally } from './metrics.js';

/** Cases whose prompt no offline family covers; the local evaluator is expected to decline them. */
export const UNSUPPORTED_FAMILY = 'unsupported';

export interface Miss {
  id: string;
  family: string;
  expected: boolean;
  reason: string;
}

export interface Timing {
  promptEvaluations: number;
  elapsedMs: number;
}

export interface CaseScores extends Timing {
  byFamily: Map<string, Tally>;
  /** Unsupported-family cases the evaluator declined with an error-free "unsupported" verdict. */
  declinedUnsupported: number;
  misses: Miss[];
}

function tallyOf(tallies: Map<string, Tally>, family: string): Tally {
  let tally = tallies.get(family);
  if (!tally) {
    tally = emptyTally();
    tallies.set(family, tally);
  }
  return tally;
}

export async function scoreCases(evaluator: ConditionEvaluator, cases: ConditionCase[]): Promise<CaseScores> {
  const byFamily = new Map<string, Tally>();
  const misses: Miss[] = [];
  let declinedUnsupported = 0;
  const started = performance.now();
  for (const testCase of cases) {
    const [verdict] = await evaluator.evaluate([{ id: testCase.id, text: testCase.prompt }], { messages: testCase.conversation });
    count(tallyOf(byFamily, testCase.family), testCase.expected, verdict.matched);
    if (testCase.family === UNSUPPORTED_FAMILY && evaluator.supports?.(testCase.prompt) === false) declinedUnsupported += 1;
    if (verdict.matched !== testCase.expected) misses.push({ id: testCase.id, family: testCase.family, expected: testCase.expected, reason: verdict.reason });
  }
  return { byFamily, declinedUnsupported, misses, promptEvaluations: cases.length, elapsedMs: performance.now() - started };
}

export interface IntentScores extends Timing {
  byFamily: Map<string, Tally>;
  misses: (Miss & { text: string; category: string })[];
}

/** Every mapped prompt against every row, all prompts of a row in one evaluator call. */
export async function scoreIntents(evaluator: ConditionEvaluator, dataset: IntentDataset, rows: IntentRow[] = dataset.rows): Promise<IntentScores> {
  const byFamily = new Map<string, Tally>();
  const misses: IntentScores['misses'] = [];
  const prompts = dataset.prompts.map((prompt, index) => ({ id: String(index), text: prompt.prompt }));
  const started = performance.now();
  for (const [rowIndex, row] of rows.entries()) {
    const verdicts = await evaluator.evaluate(prompts, { messages: [{ role: 'user', text: row.text }] });
    verdicts.forEach((verdict, index) => {
      const { family, positiveCategories } = dataset.prompts[index];
      const expected = positiveCategories.has(row.category);
      count(tallyOf(byFamily, family), expected, verdict.matched);
      if (verdict.matched !== expected) {
        misses.push({ id: String(rowIndex), family, expected, reason: verdict.reason, text: row.text, category: row.category });
      }
    });
  }
  return { byFamily, misses, promptEvaluations: rows.length * prompts.length, elapsedMs: performance.now() - started };
}

/** A few rows of every category, in file order, so a paid evaluator sees each intent. */
export function stratifiedSample(rows: IntentRow[], perCategory: number): IntentRow[] {
  const taken = new Map<string, number>();
  return rows.filter((row) => {
    const already = taken.get(row.category) ?? 0;
    taken.set(row.category, already + 1);
    return already < perCategory;
  });
}

export interface Latency {
  /** A conversation seen for the first time: its messages are analysed, then every prompt judged. */
  newConversation: { medianMicros: number; p99Micros: number };
  /** Messages analysed before (a growing conversation, a replay): judging the prompt only. */
  analysedConversation: { medianMicros: number; p99Micros: number };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function distribution(micros: number[]): { medianMicros: number; p99Micros: number } {
  const sorted = [...micros].sort((first, second) => first - second);
  return { medianMicros: percentile(sorted, 0.5), p99Micros: percentile(sorted, 0.99) };
}

const WARM_UP_PASSES = 2;

/**
 * Per-prompt latency of an in-process evaluator, one prompt per call, after the JIT has warmed
 * up. A fresh evaluator per pass keeps its analysis cache empty for the "new conversation" figure;
 * it has read each prompt once before, as an engine has read its rules' prompts.
 */
export async function measureLatency(newEvaluator: () => ConditionEvaluator, cases: ConditionCase[]): Promise<Latency> {
  const timePass = async (evaluator: ConditionEvaluator): Promise<number[]> => {
    const micros: number[] = [];
    for (const testCase of cases) {
      const started = performance.now();
      await evaluator.evaluate([{ id: testCase.id, text: testCase.prompt }], { messages: testCase.conversation });
      micros.push((performance.now() - started) * 1000);
    }
    return micros;
  };
  for (let pass = 0; pass < WARM_UP_PASSES; pass += 1) await timePass(newEvaluator());
  const evaluator = newEvaluator();
  for (const testCase of cases) await evaluator.evaluate([{ id: testCase.id, text: testCase.prompt }], { messages: [{ role: 'user', text: 'hi' }] });
  const newConversation = await timePass(evaluator);
  const analysedConversation = await timePass(evaluator);
  return { newConversation: distribution(newConversation), analysedConversation: distribution(analysedConversation) };
}
