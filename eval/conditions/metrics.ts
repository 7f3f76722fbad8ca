export interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  cases: number;
}

export function emptyTally(): Tally {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
}

export function count(tally: Tally, expected: boolean, matched: boolean): void {
  if (expected && matched) tally.truePositives += 1;
  else if (!expected && matched) tally.falsePositives += 1;
  else if (expected) tally.falseNegatives += 1;
  else tally.trueNegatives += 1;
}

export function sumOf(tallies: Tally[]): Tally {
  return tallies.reduce(
    (sum, tally) => ({
      truePositives: sum.truePositives + tally.truePositives,
      falsePositives: sum.falsePositives + tally.falsePositives,
      falseNegatives: sum.falseNegatives + tally.falseNegatives,
      trueNegatives: sum.trueNegatives + tally.trueNegatives,
    }),
    emptyTally(),
  );
}

/** Precision and recall of 0/0 are taken as 1: nothing to find and nothing wrongly found. */
export function scoresOf(tally: Tally): Scores {
  const found = tally.truePositives + tally.falsePositives;
  const expected = tally.truePositives + tally.falseNegatives;
  const precision = found === 0 ? 1 : tally.truePositives / found;
  const recall = expected === 0 ? 1 : tally.truePositives / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, cases: found + tally.falseNegatives + tally.trueNegatives };
}
