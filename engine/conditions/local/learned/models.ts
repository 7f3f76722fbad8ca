import { readFileSync } from 'node:fs';
import type { FamilyName } from '../family.js';
import { LinearModel, type FeatureIndex, type LinearModelData } from './linear-model.js';

/** A family's model of single user messages, with the probabilities cross-validation chose. */
export interface MessageModelData extends LinearModelData {
  /** From here a message satisfies the condition on the model's word alone. */
  matchAt: number;
  /** A pattern's finding stands only when some user message reaches this. */
  confirmAt: number;
}

/** What `npm run train -- conditions` writes to models.json. */
export interface TrainedModelsData {
  /** Every feature some model weighs, in the order the models' positions refer to. */
  features: string[];
  messages: Partial<Record<FamilyName, MessageModelData>>;
  /** One-vs-rest models of which family a marketer's prompt names ("unsupported" among them). */
  prompts: Record<string, LinearModelData>;
}

export interface MessageModel {
  model: LinearModel;
  matchAt: number;
  confirmAt: number;
}

export interface PromptClass {
  name: string;
  probability: number;
}

export class TrainedModels {
  readonly #messages: Map<string, MessageModel>;
  readonly #prompts: [string, LinearModel][];

  constructor(data: TrainedModelsData) {
    const index: FeatureIndex = new Map(data.features.map((feature, position) => [feature, position]));
    this.#messages = new Map(
      Object.entries(data.messages).map(([family, { matchAt, confirmAt, ...weights }]) => [family, { model: new LinearModel(weights, index), matchAt, confirmAt }]),
    );
    this.#prompts = Object.entries(data.prompts).map(([name, model]) => [name, new LinearModel(model, index)]);
  }

  messageModel(family: FamilyName): MessageModel | undefined {
    return this.#messages.get(family);
  }

  /** The most probable class of a prompt's features. */
  classifyPrompt(features: readonly string[]): PromptClass {
    let best: PromptClass = { name: 'unsupported', probability: 0 };
    for (const [name, model] of this.#prompts) {
      const probability = model.probability(features);
      if (probability > best.probability) best = { name, probability };
    }
    return best;
  }
}

// Beside this module in the source tree, and beside the bundle in dist/ (build:engine copies it).
const SHIPPED_MODELS = new URL('./models.json', import.meta.url);

let shipped: TrainedModels | undefined;

/**
 * The models shipped with the engine, read on first use: parsing a few megabytes at start-up
 * would slow every restart, and an engine with an LLM configured never needs them.
 */
export function shippedModelsOf(): TrainedModels {
  shipped ??= new TrainedModels(JSON.parse(readFileSync(SHIPPED_MODELS, 'utf8')) as TrainedModelsData);
  return shipped;
}
