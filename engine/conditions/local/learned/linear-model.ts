/**
 * A logistic-regression model as `npm run train` writes it: the non-zero weights, each at its
 * position in the feature table the models share.
 */
export interface LinearModelData {
  bias: number;
  features: number[];
  weights: number[];
}

/** The shared feature table: feature → its position. */
export type FeatureIndex = ReadonlyMap<string, number>;

export class LinearModel {
  readonly #bias: number;
  readonly #index: FeatureIndex;
  // Dense and typed: a few hundred kilobytes the garbage collector never has to walk.
  readonly #weights: Float32Array;

  constructor(data: LinearModelData, index: FeatureIndex) {
    this.#bias = data.bias;
    this.#index = index;
    this.#weights = new Float32Array(index.size);
    data.features.forEach((feature, position) => {
      this.#weights[feature] = data.weights[position];
    });
  }

  weightOf(feature: string): number {
    const position = this.#index.get(feature);
    return position === undefined ? 0 : this.#weights[position];
  }

  probability(features: readonly string[]): number {
    let logit = this.#bias;
    for (const feature of features) logit += this.weightOf(feature);
    return 1 / (1 + Math.exp(-logit));
  }
}
