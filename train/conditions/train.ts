import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LocalEvaluator } from '../../engine/conditions/local/index.js';
import { TrainedModels, type TrainedModelsData } from '../../engine/conditions/local/learned/models.js';
import type { ConditionCase } from '../../eval/conditions/datasets.js';
import { count, emptyTally, scoresOf, sumOf, type Tally } from '../../eval/conditions/metrics.js';
import { UNSUPPORTED_FAMILY } from '../../eval/conditions/score.js';
import { loadConversationSets } from './data.js';
import { trainModels, type Thresholds } from './models.js';

export const MODELS_PATH = fileURLToPath(new URL('../../engine/conditions/local/learned/models.json', import.meta.url));

// The probabilities cross-validation chooses between: a message matching on its own, and a
// pattern's finding being confirmed.
const MATCH_AT = [0.6, 0.7, 0.8, 0.9];
const CONFIRM_AT = [0, 0.1, 0.2, 0.3];
// The thresholds are chosen on the sets the patterns were not tuned on: on the others the
// patterns look better than they are on new text, and the choice would lean on them. (Each fold
// trains every model anew, about a minute each, so only these sets are folds.)
const SELECTION_SETS = ['blind-d', 'blind-e', 'blind-f', 'blind-g', 'blind-h', 'blind-i'];
function withThresholds(data: TrainedModelsData, thresholds: Thresholds): TrainedModelsData {
  const messages = Object.fromEntries(Object.entries(data.messages).map(([family, model]) => [family, { ...model, ...thresholds }]));
  return { ...data, messages };
}

function supportedTally(tallies: Map<string, Tally>): Tally {
  return sumOf([...tallies].filter(([family]) => family !== UNSUPPORTED_FAMILY).map(([, tally]) => tally));
}

function format(tally: Tally): string {
  const { precision, recall, f1 } = scoresOf(tally);
  return `P ${precision.toFixed(3)}  R ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`;
}

/**
 * Leave-one-set-out cross-validation on the selection sets: each is judged by models trained
 * without it, at every pair of thresholds. Returns the tallies per set and pair, and the
 * patterns' own.
 */
function crossValidate(sets: Map<string, ConditionCase[]>): { byThresholds: Map<string, Map<string, Tally>>; patternsOnly: Map<string, Tally> } {
  const byThresholds = new Map<string, Map<string, Tally>>();
  const patternsOnly = new Map<string, Tally>();
  const patterns = new LocalEvaluator({ models: new TrainedModels({ features: [], messages: {}, prompts: {} }) });
  for (const heldOut of SELECTION_SETS) {
    const heldOutCases = sets.get(heldOut)!;
    const trainingCases = [...sets].filter(([name]) => name !== heldOut).flatMap(([, cases]) => cases);
    const trained = trainModels(trainingCases, { matchAt: 1, confirmAt: 0 });
    const supported = heldOutCases.filter((testCase) => testCase.family !== UNSUPPORTED_FAMILY);
    const patternTally = emptyTally();
    for (const testCase of supported) {
      const [verdict] = patterns.evaluateNow([{ id: testCase.id, text: testCase.prompt }], { messages: testCase.conversation });
      count(patternTally, testCase.expected, verdict.matched);
    }
    patternsOnly.set(heldOut, patternTally);
    for (const matchAt of MATCH_AT) {
      for (const confirmAt of CONFIRM_AT) {
        const evaluator = new LocalEvaluator({ models: new TrainedModels(withThresholds(trained, { matchAt, confirmAt })) });
        const tally = emptyTally();
        for (const testCase of supported) {
          const [verdict] = evaluator.evaluateNow([{ id: testCase.id, text: testCase.prompt }], { messages: testCase.conversation });
          count(tally, testCase.expected, verdict.matched);
        }
        const key = JSON.stringify({ matchAt, confirmAt });
        if (!byThresholds.has(key)) byThresholds.set(key, new Map());
        byThresholds.get(key)!.set(heldOut, tally);
      }
    }
    console.log(`cross-validation: ${heldOut} done`);
  }
  return { byThresholds, patternsOnly };
}

const USAGE = `usage: npm run train -- conditions

Trains the local condition evaluator's models (see train/README.md) and writes
engine/conditions/local/learned/models.json. Takes a few minutes: every conversation set is
also judged by models trained without it, to choose the thresholds and report how they do.`;

function main(): void {
  if (process.argv[2] !== 'conditions') {
    console.log(USAGE);
    process.exitCode = process.argv[2] === '--help' ? 0 : 2;
    return;
  }
  const sets = loadConversationSets();
  const { byThresholds, patternsOnly } = crossValidate(sets);
  console.log('\ncross-validated F1 by matchAt / confirmAt:');
  console.log([...byThresholds].map(([key, perSet]) => `${Object.values(JSON.parse(key)).join(' / ')}: ${scoresOf(supportedTally(perSet)).f1.toFixed(3)}`).join('   '));
  let best: { key: string; tally: Tally } | undefined;
  for (const [key, perSet] of byThresholds) {
    const tally = supportedTally(perSet);
    // On a tie the later, stricter pair wins: fewer matches on the model's word alone.
    if (!best || scoresOf(tally).f1 >= scoresOf(best.tally).f1) best = { key, tally };
  }
  const thresholds = JSON.parse(best!.key) as Thresholds;
  console.log(`\nleave-one-set-out cross-validation (each set judged by models trained without it)`);
  console.log(`${'set'.padEnd(18)} ${'patterns only'.padEnd(34)} with models (matchAt ${thresholds.matchAt}, confirmAt ${thresholds.confirmAt})`);
  for (const [name, tally] of byThresholds.get(best!.key)!) console.log(`${name.padEnd(18)} ${format(patternsOnly.get(name)!).padEnd(34)} ${format(tally)}`);
  console.log(`${'all'.padEnd(18)} ${format(sumOf([...patternsOnly.values()])).padEnd(34)} ${format(best!.tally)}`);

  const models = trainModels([...sets.values()].flat(), thresholds);
  writeFileSync(MODELS_PATH, `${JSON.stringify(models)}\n`);
  const weights = [...Object.values(models.messages), ...Object.values(models.prompts)].reduce((sum, model) => sum + model!.weights.length, 0);
  console.log(`\nwrote ${MODELS_PATH}: ${Object.keys(models.messages).length} message models, ${Object.keys(models.prompts).length} prompt classes, ${models.features.length} features, ${weights} weights`);
}

main();
