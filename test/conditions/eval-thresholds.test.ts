import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEvaluator } from '../../engine/conditions/index.js';
import { EVAL_DATA_DIR, loadBanking77, loadConditionCases } from '../../eval/conditions/datasets.js';
import { scoresOf, sumOf } from '../../eval/conditions/metrics.js';
import { scoreCases, scoreIntents, UNSUPPORTED_FAMILY } from '../../eval/conditions/score.js';

// The quality the local evaluator promises; CI fails when a change drops below it.
const MIN_F1_CONDITIONS = 0.9;
const MIN_F1_HELD_OUT = 0.85;
const MIN_F1_PER_BANKING77_FAMILY = 0.85;

async function supportedF1(file: string): Promise<number> {
  const scores = await scoreCases(new LocalEvaluator(), loadConditionCases(join(EVAL_DATA_DIR, file)));
  const supported = [...scores.byFamily].filter(([family]) => family !== UNSUPPORTED_FAMILY).map(([, tally]) => tally);
  expect(scores.declinedUnsupported).toBe(scores.byFamily.has(UNSUPPORTED_FAMILY) ? scoresOf(scores.byFamily.get(UNSUPPORTED_FAMILY)!).cases : 0);
  return scoresOf(sumOf(supported)).f1;
}

describe('local evaluator quality on eval/data', () => {
  it(`reaches F1 ≥ ${MIN_F1_CONDITIONS} on conditions.jsonl`, async () => {
    expect(await supportedF1('conditions.jsonl')).toBeGreaterThanOrEqual(MIN_F1_CONDITIONS);
  });

  it(`reaches F1 ≥ ${MIN_F1_HELD_OUT} on the held-out extra-conditions.jsonl and the development set`, async () => {
    expect(await supportedF1('extra-conditions.jsonl')).toBeGreaterThanOrEqual(MIN_F1_HELD_OUT);
    expect(await supportedF1('dev-conditions.jsonl')).toBeGreaterThanOrEqual(MIN_F1_HELD_OUT);
  });

  it(`reaches F1 ≥ ${MIN_F1_PER_BANKING77_FAMILY} on every mapped banking77 family`, async () => {
    const scores = await scoreIntents(new LocalEvaluator(), loadBanking77());
    expect(scores.byFamily.size).toBe(4);
    for (const [family, tally] of scores.byFamily) {
      expect(scoresOf(tally).f1, family).toBeGreaterThanOrEqual(MIN_F1_PER_BANKING77_FAMILY);
    }
  }, 60_000);
});
