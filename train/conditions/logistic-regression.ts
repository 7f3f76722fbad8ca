export interface Example {
  features: readonly string[];
  label: boolean;
  /** How much the example counts next to others of its label (1 unless said). */
  weight?: number;
}

export interface TrainingOptions {
  /** L2 penalty per example seen. */
  l2: number;
  epochs: number;
  learningRate: number;
  /** Seeds the order examples are visited in, so the same data gives the same model. */
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { l2: 3e-3, epochs: 15, learningRate: 0.3, seed: 1 };

/** A small deterministic generator (mulberry32): shuffles must not depend on Math.random. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Logistic regression by stochastic gradient descent with AdaGrad step sizes and L2 decay on
 * the features an example touches. Classes keep their natural proportions, so the bias holds
 * the prior: text unlike anything seen leans to "no".
 */
export function trainLogisticRegression(examples: Example[], options: TrainingOptions = DEFAULT_TRAINING): { bias: number; weights: Record<string, number> } {
  const weights = new Map<string, number>();
  const squaredGradients = new Map<string, number>();
  let bias = 0;
  let biasSquaredGradient = 0;
  const order = examples.map((_example, index) => index);
  const random = randomFrom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let index = order.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other], order[index]];
    }
    for (const exampleIndex of order) {
      const { features, label, weight: exampleWeight = 1 } = examples[exampleIndex];
      let logit = bias;
      for (const feature of features) logit += weights.get(feature) ?? 0;
      const error = (1 / (1 + Math.exp(-logit)) - (label ? 1 : 0)) * exampleWeight;
      biasSquaredGradient += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquaredGradient + 1e-8);
      for (const feature of features) {
        const weight = weights.get(feature) ?? 0;
        const gradient = error + options.l2 * weight;
        const squared = (squaredGradients.get(feature) ?? 0) + gradient * gradient;
        squaredGradients.set(feature, squared);
        weights.set(feature, weight - (options.learningRate * gradient) / Math.sqrt(squared + 1e-8));
      }
    }
  }
  return { bias, weights: Object.fromEntries(weights) };
}
