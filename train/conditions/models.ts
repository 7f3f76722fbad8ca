import { analyzeText } from '../../engine/conditions/local/analysis.js';
import { promptFeaturesOf } from '../../engine/conditions/local/prompt-families.js';
import { featuresOf } from '../../engine/conditions/local/learned/features.js';
import type { LinearModelData } from '../../engine/conditions/local/learned/linear-model.js';
import type { MessageModelData, TrainedModelsData } from '../../engine/conditions/local/learned/models.js';
import { banking77Halves, loadBanking77, type ConditionCase } from '../../eval/conditions/datasets.js';
import { loadEverydayMessages, loadMessages, loadPrompts, MESSAGE_FAMILIES, messagesOfCase, promptFamilyOf } from './data.js';
import { DEFAULT_TRAINING, trainLogisticRegression, type Example, type TrainingOptions } from './logistic-regression.js';

// Weights this small change no probability that matters; leaving them out keeps models.json small.
const MIN_WEIGHT = 0.03;
const WEIGHT_DIGITS = 3;

export interface Thresholds {
  matchAt: number;
  confirmAt: number;
}

export interface TrainingSettings {
  training: TrainingOptions;
  /** How much another family's labelled message counts as a "no" for this family. */
  otherFamilyWeight: number;
  /** How much a banking77 row counts (there are thousands, about one domain). */
  banking77Weight: number;
}

export const DEFAULT_SETTINGS: TrainingSettings = { training: DEFAULT_TRAINING, otherFamilyWeight: 0.3, banking77Weight: 1 };

const featureCache = new Map<string, string[]>();

function cached(key: string, compute: () => string[]): string[] {
  let features = featureCache.get(key);
  if (!features) {
    features = compute();
    featureCache.set(key, features);
  }
  return features;
}

const messageFeatures = (text: string) => cached(`m:${text}`, () => featuresOf(analyzeText(text)));
const promptFeatures = (text: string) => cached(`p:${text}`, () => promptFeaturesOf(text));

type Trained = ReturnType<typeof trainLogisticRegression>;

/** The models as models.json holds them: one sorted feature table, and each model's weights by position in it. */
function pack(messages: Map<string, Trained>, prompts: Map<string, Trained>, thresholds: Thresholds): TrainedModelsData {
  const kept = (model: Trained) => Object.entries(model.weights).filter(([, weight]) => Math.abs(weight) >= MIN_WEIGHT);
  const features = [...new Set([...messages.values(), ...prompts.values()].flatMap((model) => kept(model).map(([feature]) => feature)))].sort();
  const position = new Map(features.map((feature, index) => [feature, index]));
  const packed = (model: Trained): LinearModelData => {
    const weights = kept(model).sort(([first], [second]) => position.get(first)! - position.get(second)!);
    return { bias: model.bias, features: weights.map(([feature]) => position.get(feature)!), weights: weights.map(([, weight]) => Number(weight.toFixed(WEIGHT_DIGITS))) };
  };
  return {
    features,
    messages: Object.fromEntries([...messages].map(([family, model]) => [family, { ...packed(model), ...thresholds } satisfies MessageModelData])),
    prompts: Object.fromEntries([...prompts].map(([name, model]) => [name, packed(model)])),
  };
}

/** Models from the labelled messages and prompts plus the given conversations. */
export function trainModels(cases: ConditionCase[], thresholds: Thresholds, settings: TrainingSettings = DEFAULT_SETTINGS): TrainedModelsData {
  const messages = loadMessages();
  const everyday = loadEverydayMessages();
  const banking77 = loadBanking77();
  const { training: bankingRows } = banking77Halves(banking77);
  const messageModels = new Map<string, Trained>();
  for (const family of MESSAGE_FAMILIES) {
    const examples: Example[] = [
      ...messages.map((message) =>
        message.family === family
          ? { features: messageFeatures(message.text), label: message.label }
          : { features: messageFeatures(message.text), label: false, weight: settings.otherFamilyWeight },
      ),
      ...banking77.prompts
        .filter((prompt) => prompt.family === family)
        .flatMap((prompt) => bankingRows.map((row) => ({ features: messageFeatures(row.text), label: prompt.positiveCategories.has(row.category), weight: settings.banking77Weight }))),
      ...everyday.map((message) => ({ features: messageFeatures(message.text), label: message.intents.includes(family) })),
      ...cases
        .filter((testCase) => testCase.family === family)
        .flatMap(messagesOfCase)
        .map((message) => ({ features: messageFeatures(message.text), label: message.label })),
    ];
    messageModels.set(family, trainLogisticRegression(examples, settings.training));
  }
  const prompts = [...loadPrompts(), ...cases.map((testCase) => ({ family: promptFamilyOf(testCase.family), prompt: testCase.prompt }))];
  const classes = [...new Set(prompts.map((prompt) => prompt.family))].sort();
  const promptModels = new Map(
    classes.map((name) => [name, trainLogisticRegression(prompts.map((prompt) => ({ features: promptFeatures(prompt.prompt), label: prompt.family === name })), settings.training)]),
  );
  return pack(messageModels, promptModels, thresholds);
}

