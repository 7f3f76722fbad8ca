import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEvaluator } from '../../engine/conditions/index.js';
import { banking77Halves, EVAL_DATA_DIR, HELD_OUT_SETS, loadBanking77, loadConditionCases } from '../../eval/conditions/datasets.js';
import { scoresOf, sumOf } from '../../eval/conditions/metrics.js';
import { scoreCases, scoreIntents, UNSUPPORTED_FAMILY } from '../../eval/conditions/score.js';

// The quality the local evaluator promises; CI fails when a change drops below it.
const MIN_F1_CONDITIONS = 0.9;
const MIN_F1_OTHER_SETS = 0.85;
const MIN_F1_HELD_OUT_BLIND = 0.85;
const MIN_F1_PER_BANKING77_FAMILY = 0.85;


async function supportedF1(...files: string[]): Promise<number> {
  const scores = await scoreCases(new LocalEvaluator(), files.flatMap((file) => loadConditionCases(join(EVAL_DATA_DIR, file))));
  const supported = [...scores.byFamily].filter(([family]) => family !== UNSUPPORTED_FAMILY).map(([, tally]) => tally);
  expect(scores.declinedUnsupported).toBe(scores.byFamily.has(UNSUPPORTED_FAMILY) ? scoresOf(scores.byFamily.get(UNSUPPORTED_FAMILY)!).cases : 0);
  return scoresOf(sumOf(supported)).f1;
}

describe('local evaluator quality on eval/data', () => {
  it(`reaches F1 ≥ ${MIN_F1_CONDITIONS} on conditions.jsonl`, async () => {
    expect(await supportedF1('conditions.jsonl')).toBeGreaterThanOrEqual(MIN_F1_CONDITIONS);
  });

  it(`reaches F1 ≥ ${MIN_F1_HELD_OUT_BLIND} on the blind sets it was never trained on`, async () => {
    expect(await supportedF1(...HELD_OUT_SETS.map((set) => `${set}.jsonl`))).toBeGreaterThanOrEqual(MIN_F1_HELD_OUT_BLIND);
  });

  it(`reaches F1 ≥ ${MIN_F1_OTHER_SETS} on extra-conditions.jsonl and the development set`, async () => {
    expect(await supportedF1('extra-conditions.jsonl')).toBeGreaterThanOrEqual(MIN_F1_OTHER_SETS);
    expect(await supportedF1('dev-conditions.jsonl')).toBeGreaterThanOrEqual(MIN_F1_OTHER_SETS);
  });

  it(`reaches F1 ≥ ${MIN_F1_PER_BANKING77_FAMILY} on every mapped banking77 family, on its held-out half and on all rows`, async () => {
    const banking77 = loadBanking77();
    for (const rows of [banking77Halves(banking77).heldOut, banking77.rows]) {
      const scores = await scoreIntents(new LocalEvaluator(), banking77, rows);
      expect(scores.byFamily.size).toBe(4);
      for (const [family, tally] of scores.byFamily) {
        expect(scoresOf(tally).f1, family).toBeGreaterThanOrEqual(MIN_F1_PER_BANKING77_FAMILY);
      }
    }
  }, 120_000);
});
