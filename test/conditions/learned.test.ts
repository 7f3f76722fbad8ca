import { describe, expect, it } from 'vitest';
import { LocalEvaluator, type ConversationInput } from '../../engine/conditions/index.js';
import { analyzeText } from '../../engine/conditions/local/analysis.js';
import { featuresOf } from '../../engine/conditions/local/learned/features.js';
import { TrainedModels, type TrainedModelsData } from '../../engine/conditions/local/learned/models.js';
import { trainLogisticRegression } from '../../train/conditions/logistic-regression.js';

function userSays(...texts: string[]): ConversationInput {
  return { messages: texts.map((text) => ({ role: 'user', text })) };
}

// A hand-made refund model: "purse" (stem "purs") and "reimburse" say refund, "lamp" says not.
function refundModels(matchAt: number, confirmAt: number): TrainedModels {
  const data: TrainedModelsData = {
    features: ['lamp', 'purs', 'reimburs', '~amp'],
    messages: { refund: { bias: -2, features: [0, 1, 2], weights: [-6, 5, 4], matchAt, confirmAt } },
    prompts: {},
  };
  return new TrainedModels(data);
}

function verdict(models: TrainedModels, prompt: string, conversation: ConversationInput) {
  return new LocalEvaluator({ models }).evaluateNow([{ id: 'p', text: prompt }], conversation)[0];
}

describe('features of a message', () => {
  it('gives stems, negated stems, pairs, letter triples and token kinds', () => {
    const features = featuresOf(analyzeText("I'm not cancelling, my email is ana@example.com 😀"));
    expect(features).toContain('not cancel');
    expect(features).not.toContain('cancel');
    expect(features).toEqual(expect.arrayContaining(['<email>', '<emoji>', 'my email', '~#em', '~ail']));
  });

  it('reads a span on its own', () => {
    const analysis = analyzeText('What does it cost? I might cancel.');
    const [first] = analysis.sentences;
    expect(featuresOf(analysis, first)).toContain('cost');
    expect(featuresOf(analysis, first)).not.toContain('cancel');
  });
});

describe('logistic regression trainer', () => {
  const examples = [
    { features: ['refund', 'money back'], label: true },
    { features: ['refund', 'please'], label: true },
    { features: ['hours', 'please'], label: false },
    { features: ['parking', 'hours'], label: false },
  ];

  it('learns which features point which way, the same way every time', () => {
    const model = trainLogisticRegression(examples);
    expect(model.weights.refund).toBeGreaterThan(0.5);
    expect(model.weights.hours).toBeLessThan(-0.5);
    expect(trainLogisticRegression(examples)).toEqual(model);
  });
});

describe('patterns and a trained model judging together', () => {
  const prompt = 'If the user asks for a refund';

  it('matches a phrasing no pattern knows when the model is sure, quoting its strongest sentence', () => {
    const models = refundModels(0.9, 0);
    const result = verdict(models, prompt, userSays('Hello there. That purse, sort it out for me.'));
    expect(result.matched).toBe(true);
    expect(result.reason).toContain('That purse, sort it out for me.');
    expect(verdict(refundModels(0.99, 0), prompt, userSays('Hello there. That purse, sort it out for me.')).matched).toBe(false);
  });

  it("drops a pattern's finding the model finds implausible, unless it answers the assistant's offer", () => {
    expect(verdict(refundModels(0.9, 0), prompt, userSays('I want a refund for the lamp')).matched).toBe(true);
    expect(verdict(refundModels(0.9, 0.5), prompt, userSays('I want a refund for the lamp')).matched).toBe(false);
    const offer = { messages: [{ role: 'assistant', text: 'Would you like a refund for the lamp?' }, { role: 'user', text: 'yes please' }] };
    expect(verdict(refundModels(0.9, 0.5), prompt, offer).matched).toBe(true);
  });

  it('lets the patterns overrule the model where they know better: negation, settled refunds, a later retraction', () => {
    const models = refundModels(0.5, 0);
    expect(verdict(models, prompt, userSays('sort out the purse')).matched).toBe(true);
    expect(verdict(models, prompt, userSays("I don't think the purse needs sorting")).matched).toBe(false);
    expect(verdict(models, prompt, userSays('if the purse breaks, what then?')).matched).toBe(false);
    expect(verdict(models, prompt, userSays('the refund came through, thanks! love the purse')).matched).toBe(false);
    expect(verdict(models, prompt, userSays('sort out the purse', 'actually never mind, I will keep it')).matched).toBe(false);
  });

  it('names the family of a prompt the patterns do not read, when sure enough', () => {
    const features = ['~oof', 'woof'];
    const prompts = (pricingWeight: number) =>
      new TrainedModels({ features, messages: {}, prompts: { pricing: { bias: -3, features: [1], weights: [pricingWeight] } } });
    const evaluator = (weight: number) => new LocalEvaluator({ models: prompts(weight) });
    expect(evaluator(6).supports('When the user says woof')).toBe(true);
    expect(evaluator(2).supports('When the user says woof')).toBe(false);
  });
});
