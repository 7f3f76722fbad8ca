import type { AnalyzedText } from '../analysis.js';
import type { Family, Finding, JudgeInput } from '../family.js';
import { evidenceOf, isHypothetical, isNegated, retractedAfter, sentenceAt } from '../signals.js';
import { featuresOf } from './features.js';
import type { LinearModel } from './linear-model.js';
import type { MessageModel } from './models.js';

// Messages are analysed once and judged against many prompts; so are their features.
const messageFeatures = new WeakMap<AnalyzedText, string[]>();

function featuresOfMessage(analysis: AnalyzedText): string[] {
  let features = messageFeatures.get(analysis);
  if (!features) {
    features = featuresOf(analysis);
    messageFeatures.set(analysis, features);
  }
  return features;
}

/** The sentence the model finds most telling, to quote as the reason. */
function strongestSentence(model: LinearModel, analysis: AnalyzedText): string {
  let best = { probability: -1, evidence: analysis.text };
  for (const sentence of analysis.sentences) {
    const probability = model.probability(featuresOf(analysis, sentence));
    if (probability > best.probability) best = { probability, evidence: evidenceOf(analysis, sentence) };
  }
  return best.evidence;
}

/**
 * Whether the message's most telling word is negated or hypothetical ("I don't think I want to
 * close it", "if I cancelled…"), or the family's patterns know its words do not count here: a
 * bag of words cannot see that, the patterns can.
 */
function overruledByPatterns(family: Family, model: LinearModel, analysis: AnalyzedText): boolean {
  if (family.rejects?.(analysis)) return true;
  let strongest: { start: number; end: number; weight: number } | undefined;
  for (const token of analysis.tokens) {
    const weight = model.weightOf(token.stem);
    if (weight > (strongest?.weight ?? 0)) strongest = { start: token.start, end: token.end, weight };
  }
  if (!strongest) return false;
  const hit = { ...strongest, text: analysis.text.slice(strongest.start, strongest.end), sentence: sentenceAt(analysis, strongest.start) };
  return isNegated(analysis, hit) || isHypothetical(analysis, hit);
}

/**
 * A family's patterns and its trained model judge together. The patterns are precise about
 * what they know; the model, trained on thousands of varied messages, knows more ways of saying
 * it. So a pattern's finding stands when the model finds the conversation plausible at all,
 * and a message the model is confident about matches without a pattern, unless the patterns
 * overrule it or the user takes it back later.
 */
export function judgeWithModel(family: Family, input: JudgeInput, messageModel: MessageModel | undefined): Finding | undefined {
  const byPattern = family.judge(input);
  if (!messageModel) return byPattern;
  const { model, matchAt, confirmAt } = messageModel;
  const probabilities = input.userTurns.map((turn) => model.probability(featuresOfMessage(turn.analysis)));
  if (byPattern && (byPattern.answersOffer || probabilities.some((probability) => probability >= confirmAt))) return byPattern;
  const index = probabilities.findIndex(
    (probability, turnIndex) =>
      probability >= matchAt && !retractedAfter(input.userTurns, turnIndex) && !overruledByPatterns(family, model, input.userTurns[turnIndex].analysis),
  );
  if (index < 0) return undefined;
  const { analysis } = input.userTurns[index];
  return { evidence: strongestSentence(model, analysis), confidence: Number(probabilities[index].toFixed(2)) };
}
